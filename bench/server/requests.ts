// The two requests every server in the benchmark answers.
export const CONTEXT_PATH = "/api/mizan/ctx/catalog/?limit=2";
export const CALL_PATH = "/api/mizan/call/updateName/";
export const CALL_BODY = JSON.stringify({ name: "Ada", userId: 1 });
/** tRPC spells the same two requests its own way. */
export const TRPC_CONTEXT_PATH = `/catalog?input=${encodeURIComponent(JSON.stringify({ limit: 2 }))}`;
export const TRPC_CALL_PATH = "/updateName";
