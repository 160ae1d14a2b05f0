// The handler options that bound what a hostile client can make the server
// do: how long a body may take, how deep it may nest, which Host names are
// served, and whether a function runs without a user.
import { MizanHttpError } from "./errors.js";
export const DEFAULT_BODY_TIMEOUT = 10_000;
export const DEFAULT_MAX_DEPTH = 64;
function wholeNumber(value, what, min) {
    if (!Number.isSafeInteger(value) || value < min)
        throw new TypeError(`mizan: ${what} must be a whole number of at least ${min}`);
    return value;
}
// A hostname as URL.hostname spells it: lowercase, no port, no scheme.
const HOST_NAME = /^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/;
function hostRule(hosts) {
    const exact = new Set();
    const suffixes = [];
    for (const host of hosts) {
        const normal = host.toLowerCase();
        if (!HOST_NAME.test(normal)) {
            throw new TypeError(`mizan: allowedHosts: "${host}" is not a host name (no scheme, port or path)`);
        }
        if (normal.startsWith(".")) {
            suffixes.push(normal);
            exact.add(normal.slice(1));
        }
        else
            exact.add(normal);
    }
    return { exact, suffixes };
}
export function resolveLimits(options) {
    // A psr context is never authenticated (PROTOCOL §3), so it cannot demand a user.
    for (const [name, context] of Object.entries(options.routes.contexts)) {
        if (context.renderStrategy !== "psr")
            continue;
        const strict = context.functions.find((member) => options.routes.functions[member]?.requireUser === true);
        if (strict !== undefined)
            throw new TypeError(`mizan: ${strict} requires a user, but its context ${name} is public (psr)`);
    }
    return {
        bodyTimeout: wholeNumber(options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT, "bodyTimeout (milliseconds)", 1),
        maxDepth: wholeNumber(options.maxDepth ?? DEFAULT_MAX_DEPTH, "maxDepth", 1),
        hosts: options.allowedHosts === undefined ? null : hostRule(options.allowedHosts),
        requireUser: options.requireUser ?? false,
    };
}
/** 403 unless the request's Host is allowed. */
export function checkHost(limits, incoming) {
    const rule = limits.hosts;
    if (rule === null)
        return;
    const host = incoming.url.hostname;
    if (rule.exact.has(host))
        return;
    for (const suffix of rule.suffixes)
        if (host.endsWith(suffix))
            return;
    throw new MizanHttpError("forbidden", "this Host is not served (allowedHosts)");
}
/** 401 when the function needs a user and there is none; the function's own choice wins over the handler's. */
export function checkUser(limits, entry, user, name) {
    if (user === null && (entry.requireUser ?? limits.requireUser)) {
        throw new MizanHttpError("unauthorized", `"${name}" needs an authenticated user`);
    }
}
/** The same for a context bundle: 401 when any of its functions needs a user. */
export function checkContextUser(limits, routes, members, user, name) {
    if (user !== null)
        return;
    for (const member of members)
        checkUser(limits, routes.functions[member], user, `the context ${name}`);
}
