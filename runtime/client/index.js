// mizan/client: the runtime under the generated stubs. Registry of mounted
// context instances, microtask-batched invalidation, one-off reads and calls.
export { call, endpoint } from "./endpoint.js";
export { configure } from "./transport.js";
export { fetchContext, getState, instanceKey, LOADING, refetch, subscribe } from "./registry.js";
export { invalidate, invalidateFromResponse } from "./invalidate.js";
export { MizanResponseError, MizanError } from "./error.js";
