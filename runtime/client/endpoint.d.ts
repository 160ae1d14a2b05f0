import type { Endpoint, EndpointOptions } from "./types.js";
/** The runtime side of a generated `client.ts`: `endpoint("/api/mizan")`. */
export declare function endpoint(basePath: string, options?: EndpointOptions): Endpoint;
/**
 * Calls a server function by name on the default base path, untyped. The
 * generated stubs are the typed way; this is for scripts and tools.
 */
export declare function call<Result = unknown>(fn: string, args?: Record<string, unknown>): Promise<Result>;
