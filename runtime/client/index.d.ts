export { call, endpoint } from "./endpoint.js";
export { configure } from "./transport.js";
export { fetchContext, getState, instanceKey, LOADING, refetch, subscribe } from "./registry.js";
export { invalidate, invalidateFromResponse } from "./invalidate.js";
export { MizanResponseError, MizanError } from "./error.js";
export type { ContextArgs, ContextRef, ContextState, Endpoint, EndpointOptions, ErrorInfo, ParamsShape } from "./types.js";
