import type { Endpoint, EndpointOptions } from "./types.js";
export declare const noop: () => void;
/** Sets options for every endpoint; an endpoint's own options win. */
export declare function configure(options: EndpointOptions): void;
export declare function send(ep: Endpoint, path: string, init: RequestInit & {
    headers?: Record<string, string>;
}): Promise<any>;
export declare const staleFlights: () => undefined;
/**
 * GETs `path`, joining an identical request in flight. `fresh` starts a new
 * request that later readers join instead (after an invalidation the one in
 * flight may hold stale data). Every request revalidates past the browser's
 * HTTP cache (`no-cache`, an ETag's 304 keeps it cheap): a psr context's
 * `stale-while-revalidate` would otherwise let the browser answer a mount
 * after a mutation with the copy from before it.
 */
export declare function get(ep: Endpoint, path: string, signal?: AbortSignal, fresh?: boolean): Promise<unknown>;
