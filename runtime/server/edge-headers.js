import { sharedFreshness, sharedMaxAge } from "../edge/cache-control.js";
import { compileRouting } from "../edge/routing.js";
import { checkPrefix, DEFAULT_TAG_PREFIX, instanceTags, MAX_TAGS, TAG_HEADERS, formatTagHeader } from "../edge/tags.js";
import { withHeaders } from "./outgoing.js";
export function edgeHeaders(options, basePath, report) {
    if (!TAG_HEADERS.includes(options.header))
        throw new TypeError(`mizan: edge.header must be one of ${TAG_HEADERS.join(", ")}`);
    const prefix = checkPrefix(options.prefix ?? DEFAULT_TAG_PREFIX);
    const cdnMaxAge = options.cdnMaxAge;
    if (cdnMaxAge !== undefined && (!Number.isSafeInteger(cdnMaxAge) || cdnMaxAge < 0)) {
        throw new TypeError("mizan: edge.cdnMaxAge must be a whole number of seconds");
    }
    const routing = compileRouting(options.manifest, basePath);
    for (const [name, shape] of routing.shapes) {
        if (shape.params.size >= MAX_TAGS)
            throw new TypeError(`mizan: the context ${name} has too many parameters to be tagged`);
    }
    const tagHeader = options.header.toLowerCase();
    const cdnHeader = options.header === "Cache-Tag" ? "cdn-cache-control" : "surrogate-control";
    const tagsOf = (instances) => {
        const all = new Set(instances.flatMap((i) => instanceTags(i.context, routing.declared(i.context) ?? [], i.params, prefix)));
        if (all.size <= MAX_TAGS)
            return [...all].sort();
        // Several contexts on one page: each reduced to its context and wildcard tags.
        const coarse = new Set(instances.flatMap((i) => instanceTags(i.context, routing.declared(i.context) ?? [], {}, prefix)));
        if (coarse.size > MAX_TAGS)
            throw new RangeError(`mizan: a page of ${instances.length} contexts needs more than ${MAX_TAGS} tags`);
        return [...coarse].sort();
    };
    /** The tag header, and the CDN-only lifetime when one is configured, longer than s-maxage and not set already. */
    const tagged = (out, tags, cacheControl) => {
        const added = { [tagHeader]: formatTagHeader(options.header, tags) };
        if (cdnMaxAge !== undefined && out.headers[cdnHeader] === undefined) {
            const shared = sharedMaxAge(cacheControl);
            if (shared === undefined || cdnMaxAge > shared) {
                const swr = /stale-while-revalidate=(\d+)/i.exec(cacheControl ?? "")?.[1];
                const tail = swr === undefined ? "" : `, stale-while-revalidate=${swr}`;
                added[cdnHeader] = cdnHeader === "cdn-cache-control" ? `public, max-age=${cdnMaxAge}${tail}` : `max-age=${cdnMaxAge}${tail}`;
            }
        }
        return withHeaders(out, added);
    };
    const decorate = (incoming, out) => {
        if ((incoming.method !== "GET" && incoming.method !== "HEAD") || (out.status !== 200 && out.status !== 304))
            return out;
        const path = incoming.url.pathname;
        const context = routing.contextOf(path);
        if (context !== undefined) {
            const control = out.headers["cache-control"] ?? null;
            // Public by the context's render strategy and by its own answer, never one without the other.
            if (!routing.isPublic(context) || !control?.startsWith("public"))
                return out;
            return tagged(out, tagsOf([routing.contextInstance(context, incoming.url.searchParams)]), control);
        }
        const instances = routing.pageInstances(path);
        if (instances.length === 0)
            return out;
        const headers = new Headers(out.passthrough?.headers);
        for (const [name, value] of Object.entries(out.headers))
            headers.set(name, value);
        // A page is tagged when its own headers let a shared cache keep it: a
        // page a CDN may keep must be purgeable; one it may not keep needs no tag.
        if (sharedFreshness(headers) === undefined)
            return out;
        return tagged(out, tagsOf(instances), headers.get("cache-control"));
    };
    return (incoming, out) => {
        try {
            return decorate(incoming, out);
        }
        catch (error) {
            // A response that cannot be tagged cannot be purged: no shared cache may keep it.
            report(error, incoming);
            return withHeaders(out, { "cache-control": "no-store" });
        }
    };
}
