export interface Freshness {
    /** Seconds the response may be served without asking the origin. */
    readonly ttl: number;
    /** Seconds past ttl it may be served while refetched. */
    readonly staleWhileRevalidate: number;
}
/**
 * How long a shared cache may keep this response, or undefined when it may
 * not: `private`, `no-store`, `no-cache`, a Set-Cookie, a Vary on the
 * caller, or no lifetime given.
 */
export declare function sharedFreshness(headers: Headers): Freshness | undefined;
/** The s-maxage (else max-age) of a Cache-Control value. */
export declare function sharedMaxAge(cacheControl: string | null): number | undefined;
