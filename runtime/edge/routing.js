import { CALL_SEGMENT, CONTEXT_SEGMENT, PROTOCOL_VERSION } from "../protocol/names.js";
import { contextShape, instanceFromQuery, instanceFromRoute } from "./params.js";
function splitPath(path) {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    return trimmed === "/" ? [] : trimmed.slice(1).split("/");
}
function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return undefined;
    }
}
/** `{base}/{segment}/{name}` with one optional trailing slash. */
function nameUnder(prefix, path) {
    if (!path.startsWith(prefix))
        return undefined;
    const rest = path.slice(prefix.length);
    const name = rest.endsWith("/") ? rest.slice(0, -1) : rest;
    if (name === "" || name.includes("/"))
        return undefined;
    return decode(name);
}
export function compileRouting(manifest, basePath = manifest.base_path) {
    if (manifest?.version !== PROTOCOL_VERSION) {
        throw new TypeError(`mizan: the manifest must be a version ${PROTOCOL_VERSION} manifest.json`);
    }
    // Checked by shape rather than by the zod schema, which an edge bundle leaves out.
    for (const key of ["contexts", "mutations", "page_routes"]) {
        if (manifest[key] === null || typeof manifest[key] !== "object")
            throw new TypeError(`mizan: the manifest has no "${key}" object`);
    }
    if (typeof basePath !== "string" || !basePath.startsWith("/"))
        throw new TypeError(`mizan: the base path "${basePath}" must start with "/"`);
    const base = basePath.endsWith("/") ? basePath.slice(0, -1) : basePath;
    const shapes = new Map(Object.entries(manifest.contexts).map(([name, context]) => [name, contextShape(name, context)]));
    const declared = new Map([...shapes].map(([name, shape]) => [name, new Set(shape.params.keys())]));
    const byPattern = new Map();
    for (const [context, patterns] of Object.entries(manifest.page_routes)) {
        for (const pattern of patterns)
            byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), context]);
    }
    const pages = [...byPattern].map(([pattern, contexts]) => ({
        pattern,
        contexts,
        segments: splitPath(pattern).map((part) => (part.startsWith(":") ? { param: part.slice(1) } : { literal: part })),
    }));
    const ctxPrefix = `${base}/${CONTEXT_SEGMENT}/`;
    const callPrefix = `${base}/${CALL_SEGMENT}/`;
    return {
        manifest,
        basePath: base,
        shapes,
        declared: (context) => declared.get(context),
        isPublic: (context) => Object.hasOwn(manifest.contexts, context) && manifest.contexts[context].render_strategy === "psr",
        contextOf: (path) => nameUnder(ctxPrefix, path),
        callOf: (path) => nameUnder(callPrefix, path),
        contextInstance(context, query) {
            const shape = shapes.get(context) ?? { name: context, params: new Map() };
            return { context, params: instanceFromQuery(shape, query) };
        },
        pageInstances(path) {
            if (pages.length === 0)
                return [];
            const parts = splitPath(path);
            for (const page of pages) {
                if (page.segments.length !== parts.length)
                    continue;
                const params = Object.create(null);
                let matched = true;
                for (let i = 0; i < parts.length && matched; i++) {
                    const segment = page.segments[i];
                    if ("literal" in segment)
                        matched = segment.literal === parts[i];
                    else {
                        const value = parts[i] === "" ? undefined : decode(parts[i]);
                        if (value === undefined)
                            matched = false;
                        else
                            params[segment.param] = value;
                    }
                }
                if (!matched)
                    continue;
                return page.contexts.map((context) => ({
                    context,
                    params: instanceFromRoute(shapes.get(context) ?? { name: context, params: new Map() }, params),
                }));
            }
            return [];
        },
    };
}
