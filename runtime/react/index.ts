// mizan/react: hooks over the mizan/client registry.
export { useContextQuery, type ContextQueryOptions, type ContextQueryResult } from "./use-context-query.js";
export { useCall, type CallResult, type CallState } from "./use-call.js";
