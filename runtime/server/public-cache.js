// The Cache-Control of psr (public) context responses: one header value per
// context, resolved once from the `publicCache` option.
import { DEFAULT_S_MAXAGE, DEFAULT_STALE_WHILE_REVALIDATE } from "./defaults.js";
function seconds(value, fallback, what) {
    const out = value ?? fallback;
    if (!Number.isSafeInteger(out) || out < 0)
        throw new TypeError(`mizan: ${what} must be a whole number of seconds`);
    return out;
}
/** `public, s-maxage=…, stale-while-revalidate=…` of every psr context; throws on an override of a non-psr name. */
export function publicCacheControls(routes, options) {
    const overrides = options.contexts ?? {};
    for (const name of Object.keys(overrides)) {
        if (routes.contexts[name]?.renderStrategy !== "psr") {
            throw new TypeError(`mizan: publicCache.contexts.${name}: no psr context has this name`);
        }
    }
    const out = new Map();
    for (const [name, context] of Object.entries(routes.contexts)) {
        if (context.renderStrategy !== "psr")
            continue;
        const own = Object.hasOwn(overrides, name) ? overrides[name] : {};
        const ttl = seconds(own.sMaxAge ?? options.sMaxAge, DEFAULT_S_MAXAGE, `publicCache sMaxAge of ${name}`);
        const swr = seconds(own.staleWhileRevalidate ?? options.staleWhileRevalidate, DEFAULT_STALE_WHILE_REVALIDATE, `publicCache staleWhileRevalidate of ${name}`);
        out.set(name, `public, s-maxage=${ttl}, stale-while-revalidate=${swr}`);
    }
    return out;
}
