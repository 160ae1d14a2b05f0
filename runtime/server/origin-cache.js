export function bindCache(cache, routes, report) {
    if (cache === undefined)
        return undefined;
    if (typeof cache?.bind !== "function") {
        throw new TypeError("mizan: cache must be a MemoryCache, RedisCache or TieredCache from mizan/cache");
    }
    return cache.bind(routes, report);
}
export function cachePurgeHooks(cache) {
    return cache === undefined ? [] : [(targets) => cache.purge(targets, undefined)];
}
/** The request as a cache report names it; the URL is parsed only for a report, which most reads never make. */
class CacheRequestOf {
    incoming;
    method;
    constructor(incoming) {
        this.incoming = incoming;
        this.method = incoming.method;
    }
    get url() {
        return this.incoming.url.href;
    }
}
/** The context's 200 response: built by `build` without a cache, else read through it. */
export function contextResponse(cache, incoming, name, params, user, build) {
    if (cache === undefined)
        return build();
    return cache.read(name, params, user, build, new CacheRequestOf(incoming), incoming.search);
}
