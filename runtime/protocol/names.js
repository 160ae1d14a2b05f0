// Every name the wire and the manifest use, spelled once.
export const PROTOCOL_VERSION = 1;
/** The methods a view path may serve (`@client({ methods })`). */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
export const DEFAULT_BASE_PATH = "/api/mizan";
export const INVALIDATE_HEADER = "X-Mizan-Invalidate";
/** Past this many bytes a header collapses contexts to broad targets. */
export const INVALIDATE_HEADER_LIMIT = 8 * 1024;
export const CONTEXT_SEGMENT = "ctx";
export const CALL_SEGMENT = "call";
/** The key of a call response body that carries the invalidation targets. */
export const INVALIDATE_KEY = "invalidate";
/** The key of a call response body that carries the function's result. */
export const RESULT_KEY = "result";
/** Parameter names that make a context user-scoped (PROTOCOL §6). */
export const DEFAULT_IDENTITY_PARAMS = [
    "userId", "user_id", "accountId", "account_id",
    "ownerId", "owner_id", "memberId", "member_id",
];
/** Context wire names: URL, header and tag safe. */
export const CONTEXT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
export function contextPath(basePath, context) {
    return `${trimSlash(basePath)}/${CONTEXT_SEGMENT}/${encodeURIComponent(context)}/`;
}
export function callPath(basePath, fn) {
    return `${trimSlash(basePath)}/${CALL_SEGMENT}/${encodeURIComponent(fn)}/`;
}
function trimSlash(path) {
    return path.endsWith("/") ? path.slice(0, -1) : path;
}
