// What `authenticate(request)` receives on the node:http entry: a Request
// whose `method`, `url` and `headers` (a real Headers) are read straight
// from node:http, and whose every other member builds the standard Request
// on first use and answers from it. Building a Fetch Request (its URL, its
// Headers copy, its AbortSignal) costs more than the rest of a cached
// context read, and an authenticate reads headers (a cookie, a token)
// almost always. It is not `instanceof Request`: to hand it to `fetch()` or
// `new Request()`, pass `request.clone()`, which is a standard Request.
const OWN = new Set(["constructor", "method", "url", "headers"]);
class RequestHead {
    method;
    href;
    readHeaders;
    full;
    #url;
    #headers;
    constructor(method, href, readHeaders, 
    /** The standard Request, built once and shared with the rest of the request's handling. */
    full) {
        this.method = method;
        this.href = href;
        this.readHeaders = readHeaders;
        this.full = full;
    }
    get url() {
        return (this.#url ??= this.href());
    }
    get headers() {
        return (this.#headers ??= this.readHeaders());
    }
}
// Every other member of Request (body, signal, json(), clone(), …): answered by the built Request.
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
    if (OWN.has(name))
        continue;
    Object.defineProperty(RequestHead.prototype, name, {
        get() {
            const request = this.full();
            const value = request[name];
            return typeof value === "function" ? value.bind(request) : value;
        },
    });
}
export function requestHead(method, href, headers, full) {
    return new RequestHead(method, href, headers, full);
}
