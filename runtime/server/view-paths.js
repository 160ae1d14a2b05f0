import { MizanHttpError } from "./errors.js";
/** `/a/b/` and `/a/b` → ["a", "b"]; "/" → []. */
function splitPath(path) {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    return trimmed === "/" ? [] : trimmed.slice(1).split("/");
}
export function compileViewRoutes(functions) {
    const out = [];
    for (const [name, entry] of Object.entries(functions)) {
        if (entry.route === null)
            continue;
        if (!entry.route.startsWith("/"))
            throw new TypeError(`mizan: the route of ${name} ("${entry.route}") must start with "/"`);
        const segments = splitPath(entry.route).map((part) => part.startsWith(":") ? { param: part.slice(1) } : { literal: part });
        out.push({ name, entry, pattern: entry.route, segments });
    }
    return out;
}
function matchOne(route, parts) {
    if (route.segments.length !== parts.length)
        return undefined;
    const params = Object.create(null);
    for (let i = 0; i < parts.length; i++) {
        const segment = route.segments[i];
        const part = parts[i];
        if ("literal" in segment) {
            if (segment.literal !== part)
                return undefined;
        }
        else {
            if (part === "")
                return undefined;
            params[segment.param] = part;
        }
    }
    return params;
}
/** The methods a route answers: its own, plus HEAD wherever GET is. */
export function allowedMethods(methods) {
    return methods.includes("GET") ? [...methods, "HEAD"] : [...methods];
}
/**
 * The view route for this path and method; a MizanHttpError 405 (with Allow)
 * when the path is a view path but not for this method; undefined when the
 * path is none.
 */
export function matchViewRoute(routes, path, method) {
    if (routes.length === 0)
        return undefined;
    const parts = splitPath(path);
    const allow = new Set();
    for (const route of routes) {
        const raw = matchOne(route, parts);
        if (raw === undefined)
            continue;
        const methods = allowedMethods(route.entry.methods);
        if (!methods.includes(method)) {
            for (const m of methods)
                allow.add(m);
            continue;
        }
        const params = Object.create(null);
        for (const [name, value] of Object.entries(raw)) {
            try {
                params[name] = decodeURIComponent(value);
            }
            catch {
                throw new MizanHttpError("bad_request", `the route parameter ${name} is not valid percent-encoding`);
            }
        }
        return { route, params };
    }
    if (allow.size === 0)
        return undefined;
    throw new MizanHttpError("method_not_allowed", "this view path does not answer this method (see Allow)", {
        headers: { allow: [...allow].join(", ") },
    });
}
