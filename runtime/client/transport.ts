// One request path for every read and call, and the in-flight table that
// lets identical reads share one request.
import { MizanResponseError } from "./error.js";
import type { Endpoint, EndpointOptions } from "./types.js";

const defaults: EndpointOptions = {};

export const noop = () => {};

/** Sets options for every endpoint; an endpoint's own options win. */
export function configure(options: EndpointOptions): void {
  Object.assign(defaults, options);
}

/** `key`: a key every answer of this endpoint has (a call's `result`); a 2xx without it is no success. */
export async function send(ep: Endpoint, path: string, init: RequestInit & { headers?: Record<string, string> }, key?: string) {
  const o = { ...defaults, ...ep.options };
  const h = o.headers;
  // Looked up per request so a fetch installed later (a test, a polyfill) is used.
  const res = await (o.fetch || fetch)((o.origin || "") + path, {
    ...init,
    // Undefined is fetch's default; the cast keeps exactOptionalPropertyTypes projects compiling this file.
    credentials: o.credentials as NonNullable<RequestInit["credentials"]>,
    headers: { ...(typeof h == "function" ? h() : h), ...init.headers },
  }).catch((e) => {
    // Outside a browser a path alone is no URL: say what to set, not undici's "Failed to parse URL".
    throw o.origin || typeof location < "u" ? e : TypeError("mizan: set configure({origin})");
  });
  const body = await res.json().catch(noop);
  // Every answer of a Mizan endpoint is a JSON object: a 2xx that is not (a static host's index.html
  // fallback) is no success either, and rejects as a non-Mizan error answer does (http_error, "HTTP 200");
  // a call's 200 without its result (a gateway's `{"error": …}`) rejects with that error.
  if (res.ok && body && typeof body == "object" && !Array.isArray(body) && (!key || key in body)) return body;
  throw new MizanResponseError(res.status, body?.error);
}

interface Flight {
  p: Promise<unknown>;
  ac: AbortController;
  /** Waiters still interested; one without a signal stays for good. At 0 the request is aborted. */
  n: number;
}

/**
 * The shared GETs in flight. An invalidation empties it: a request from
 * before one may answer with data from before the mutation, so nobody joins
 * it after (its own waiters, who asked before, still get it). Any
 * invalidation does, matching or not: at worst a read in that window is made twice.
 */
export const flights = new Map<string, Flight>();

/**
 * GETs `path`, joining an identical request in flight. `fresh` starts a new
 * request that later readers join instead (after an invalidation the one in
 * flight may hold stale data). Every request revalidates past the browser's
 * HTTP cache (`no-cache`, an ETag's 304 keeps it cheap): a psr context's
 * `stale-while-revalidate` would otherwise let the browser answer a mount
 * after a mutation with the copy from before it.
 */
export async function get(ep: Endpoint, path: string, signal?: AbortSignal, fresh?: boolean): Promise<unknown> {
  signal?.throwIfAborted();
  const k = ep.id + " " + path;
  let f = flights.get(k);
  // An aborted request stays in the table until its rejection lands; it is never joined.
  if (!f || fresh || f.ac.signal.aborted) {
    const ac = new AbortController();
    const g: Flight = (f = { ac, n: 0, p: send(ep, path, { signal: ac.signal, cache: "no-cache" }) });
    const done = () => {
      if (flights.get(k) == g) flights.delete(k);
    };
    g.p.then(done, done);
    flights.set(k, g);
  }
  const g = f;
  g.n++;
  return new Promise((resolve, reject) => {
    // Not removed once settled: a late abort then rejects nothing and aborts a finished request.
    signal?.addEventListener("abort", () => {
      if (!--g.n) g.ac.abort(signal.reason);
      reject(signal.reason);
    });
    g.p.then(resolve, reject);
  });
}
