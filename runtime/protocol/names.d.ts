export declare const PROTOCOL_VERSION = 1;
/** The methods a view path may serve (`@client({ methods })`). */
export declare const HTTP_METHODS: readonly ["GET", "POST", "PUT", "PATCH", "DELETE"];
export type HttpMethod = (typeof HTTP_METHODS)[number];
export declare const DEFAULT_BASE_PATH = "/api/mizan";
export declare const INVALIDATE_HEADER = "X-Mizan-Invalidate";
/** Past this many bytes a header collapses contexts to broad targets. */
export declare const INVALIDATE_HEADER_LIMIT: number;
export declare const CONTEXT_SEGMENT = "ctx";
export declare const CALL_SEGMENT = "call";
/** The key of a call response body that carries the invalidation targets. */
export declare const INVALIDATE_KEY = "invalidate";
/** The key of a call response body that carries the function's result. */
export declare const RESULT_KEY = "result";
/** Parameter names that make a context user-scoped (PROTOCOL §6). */
export declare const DEFAULT_IDENTITY_PARAMS: readonly string[];
/** Context wire names: URL, header and tag safe. */
export declare const CONTEXT_NAME_PATTERN: RegExp;
export declare function contextPath(basePath: string, context: string): string;
export declare function callPath(basePath: string, fn: string): string;
