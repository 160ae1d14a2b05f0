// One request path for every read and call, and the in-flight table that
// lets identical reads share one request.
import { MizanResponseError } from "./error.js";
const defaults = {};
/** Sets options for every endpoint; an endpoint's own options win. */
export function configure(options) {
    Object.assign(defaults, options);
}
export async function send(ep, path, init) {
    const o = { ...defaults, ...ep.options };
    const h = o.headers;
    // Looked up per request so a fetch installed later (a test, a polyfill) is used.
    const res = await (o.fetch || fetch)((o.origin || "") + path, {
        ...init,
        // Undefined is fetch's default; the cast keeps exactOptionalPropertyTypes projects compiling this file.
        credentials: o.credentials,
        headers: { ...(typeof h == "function" ? h() : h), ...init.headers },
    }).catch((e) => {
        // Outside a browser a path alone is no URL: say what to set, not undici's "Failed to parse URL".
        throw o.origin || typeof location < "u" ? e : TypeError("mizan: set configure({origin})");
    });
    const body = await res.json().catch(() => null);
    if (!res.ok)
        throw new MizanResponseError(res.status, body?.error);
    return body;
}
const flights = new Map();
/**
 * GETs `path`, joining an identical request in flight. `fresh` starts a new
 * request that later readers join instead (after an invalidation the one in
 * flight may hold stale data) and revalidates past the browser's HTTP cache.
 */
export async function get(ep, path, signal, fresh) {
    signal?.throwIfAborted();
    const k = ep.id + " " + path;
    let f = flights.get(k);
    // An aborted request stays in the table until its rejection lands; it is never joined.
    if (!f || fresh || f.ac.signal.aborted) {
        const ac = new AbortController();
        const g = (f = { ac, n: 0, p: send(ep, path, fresh ? { signal: ac.signal, cache: "no-cache" } : { signal: ac.signal }) });
        const done = () => {
            if (flights.get(k) == g)
                flights.delete(k);
        };
        g.p.then(done, done);
        flights.set(k, g);
    }
    const g = f;
    g.n++;
    return new Promise((resolve, reject) => {
        // Not removed once settled: a late abort then rejects nothing and aborts a finished request.
        signal?.addEventListener("abort", () => {
            if (!--g.n)
                g.ac.abort(signal.reason);
            reject(signal.reason);
        });
        g.p.then(resolve, reject);
    });
}
