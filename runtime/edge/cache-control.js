// Reading a response's caching headers the way a shared cache does: may it
// be stored, and for how long (CDN-Cache-Control and Surrogate-Control,
// when present, are meant for the CDN and win over Cache-Control).
function directives(value) {
    const out = new Map();
    if (value === null)
        return out;
    for (const part of value.split(",")) {
        const [name = "", ...rest] = part.split("=");
        const key = name.trim().toLowerCase();
        if (key !== "")
            out.set(key, rest.join("=").trim().replace(/^"|"$/g, ""));
    }
    return out;
}
function seconds(text) {
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
/** Does the response vary on who asks? Then no shared cache may keep it. */
function variesByCaller(vary) {
    if (vary === null)
        return false;
    return vary.split(",").some((name) => ["*", "cookie", "authorization"].includes(name.trim().toLowerCase()));
}
/**
 * How long a shared cache may keep this response, or undefined when it may
 * not: `private`, `no-store`, `no-cache`, a Set-Cookie, a Vary on the
 * caller, or no lifetime given.
 */
export function sharedFreshness(headers) {
    if (headers.has("set-cookie") || variesByCaller(headers.get("vary")))
        return undefined;
    const control = directives(headers.get("cache-control"));
    if (control.has("private") || control.has("no-store") || control.has("no-cache"))
        return undefined;
    const cdn = directives(headers.get("cdn-cache-control") ?? headers.get("surrogate-control"));
    if (cdn.has("no-store") || cdn.has("private") || cdn.has("no-cache"))
        return undefined;
    const ttl = seconds(cdn.get("max-age")) ?? seconds(control.get("s-maxage")) ?? seconds(control.get("max-age"));
    if (ttl === undefined || ttl === 0)
        return undefined;
    const swr = seconds(cdn.get("stale-while-revalidate")) ?? seconds(control.get("stale-while-revalidate")) ?? 0;
    return { ttl, staleWhileRevalidate: swr };
}
/** The s-maxage (else max-age) of a Cache-Control value. */
export function sharedMaxAge(cacheControl) {
    const control = directives(cacheControl);
    return seconds(control.get("s-maxage")) ?? seconds(control.get("max-age"));
}
