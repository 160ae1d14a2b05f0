// The path and query of a node:http request without parsing a URL: most
// request targets are plain origin-form paths that the WHATWG URL parser
// would leave exactly as they are, and for those the URL object is built
// only if something asks for it (an Origin check, an error report, a
// function's req.request). Anything else is parsed at once, as before.
// Characters the URL parser keeps as they are in a path and a query of an
// http(s) URL (no percent-encoding, no backslash, no dot segments checked
// below), and a Host of lowercase names or a dotted-quad address with an
// optional port: a target and Host made of these always parse, to the same
// path and query.
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/%]*$/;
const PLAIN_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$/;
// A dot segment (`/./`, `/../`, also spelled `%2e`) is resolved by the parser.
const DOT_SEGMENT = /\/\.|%2e/i;
const PLAIN_HOST = /^(?:(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::\d{1,5})?$/;
// Any Host RFC 9110 allows: a name (reg-name), an IPv4 or a bracketed IP
// literal, and a port. Nothing else may reach the text a URL is parsed
// from, where `/`, `?`, `#` or `@` in a Host would change the path, the
// query or the host the request is read as.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]+)(?::\d*)?$/;
// A server hears one or a few Hosts: the last plain one is remembered.
let lastPlainHost;
function plainHost(host) {
    if (host === lastPlainHost)
        return true;
    if (!PLAIN_HOST.test(host) || host.includes("xn--"))
        return false;
    const colon = host.indexOf(":");
    if (colon !== -1 && Number(host.slice(colon + 1)) > 65535)
        return false;
    lastPlainHost = host;
    return true;
}
/**
 * The target of `req.url` under `origin` ("http://host"). An origin-form
 * target is appended to the Host rather than resolved against it: `//evil/x`
 * must stay a path, or the "own origin" the Origin check compares with
 * would become `http://evil`. undefined when it is not a valid http(s) URL.
 */
export function requestTarget(target, scheme, host) {
    if (target.startsWith("/")) {
        const mark = target.indexOf("?");
        const path = mark === -1 ? target : target.slice(0, mark);
        const query = mark === -1 ? "" : target.slice(mark + 1);
        if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && PLAIN_QUERY.test(query) && plainHost(host)) {
            // As URL#search: "" for an empty query.
            return { path, search: query === "" ? "" : `?${query}` };
        }
    }
    if (target.startsWith("/") && !HOST.test(host))
        return undefined;
    const text = target.startsWith("/") ? `${scheme}://${host}${target}` : target;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return undefined;
    }
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
}
