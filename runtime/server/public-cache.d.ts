import type { RouteTable } from "./routes.js";
export interface PublicCacheSettings {
    /** Seconds a shared cache (CDN) may serve a psr context. Default 60. */
    sMaxAge?: number;
    /** Seconds a shared cache may serve it stale while refetching. Default 60. */
    staleWhileRevalidate?: number;
}
export interface PublicCacheOptions extends PublicCacheSettings {
    /** Per psr context overrides, by context name. */
    contexts?: Readonly<Record<string, PublicCacheSettings>>;
}
/** `public, s-maxage=…, stale-while-revalidate=…` of every psr context; throws on an override of a non-psr name. */
export declare function publicCacheControls(routes: RouteTable, options: PublicCacheOptions): Map<string, string>;
