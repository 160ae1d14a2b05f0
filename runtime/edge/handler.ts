// createEdgeHandler: a Fetch-standard edge in front of a Mizan origin,
// driven by manifest.json. It caches public context reads and public page
// routes, passes everything else through, and purges its store from the
// X-Mizan-Invalidate header of every response coming back from the origin
// before handing that response on. No node: imports: it runs on Node,
// Deno, Bun and Cloudflare Workers alike.
// The protocol's files one by one, not its index: the index carries the zod schemas, which an edge bundle does not need.
import { canonicalJson } from "../protocol/canonical-json.js";
import type { ErrorBody } from "../protocol/errors.js";
import { parseInvalidateHeader } from "../protocol/header.js";
import type { Manifest } from "../protocol/manifest.js";
import { INVALIDATE_HEADER } from "../protocol/names.js";
import { sharedFreshness } from "./cache-control.js";
import { compileRouting, type Instance } from "./routing.js";
import { MemoryStore, type EdgeStore, type StoredResponse } from "./store.js";

export type EdgeErrorPhase = "origin" | "purge" | "store";

export interface EdgeHandlerOptions {
  /** The generated manifest.json. */
  manifest: Manifest;
  /** The origin: its base URL (`https://origin.internal`), or a Fetch handler (a service binding, `createHandler(...)`). */
  origin: string | URL | ((request: Request) => Promise<Response>);
  /** Where responses are kept. Default: a MemoryStore. */
  store?: EdgeStore;
  /** Where `/ctx/` and `/call/` live. Default: the manifest's base_path. */
  basePath?: string;
  /** Told about an unreachable origin, a failing store or purge. Default: console.error. */
  onError?: (error: unknown, info: { phase: EdgeErrorPhase; url: string }) => void;
}

export type EdgeHandler = (request: Request) => Promise<Response>;

interface CacheTarget {
  readonly key: string;
  readonly instances: Instance[];
}

const TARGET_MEMO = 4096;

/** The entry toNodeListener looks for (the same registered symbol as createHandler's). */
const NODE_ENTRY = Symbol.for("mizan.handle");

/** A request as toNodeListener's direct entry hands it over (structurally the server's Incoming). */
interface EdgeIncoming {
  readonly method: string;
  readonly url: URL;
  header(name: string): string | null;
  request(): Request;
}

/** An answer in the form toNodeListener writes directly (structurally the server's Outgoing). */
interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
  passthrough?: Response;
}

// Connection-level headers are the hop's own; tag headers and
// Surrogate-Control are for this cache, not for what lies beyond it.
const HOP_HEADERS = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];
const EDGE_ONLY_HEADERS = ["xkey", "surrogate-key", "cache-tag", "surrogate-control"];

function errorResponse(status: number, code: ErrorBody["error"]["code"], message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  return new Response(canonicalJson(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

function outgoingHeaders(from: Iterable<readonly [string, string]>): Headers {
  const headers = new Headers();
  for (const [name, value] of from) {
    const lower = name.toLowerCase();
    if (!HOP_HEADERS.includes(lower) && !EDGE_ONLY_HEADERS.includes(lower)) headers.append(name, value);
  }
  return headers;
}

/** Does If-None-Match match this strong ETag (weak comparison, RFC 9110)? */
function noneMatch(header: string | null, etag: string | null): boolean {
  if (header === null || etag === null) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === bare;
  });
}

/** The cache key of an instance read: canonical params, so `?a=05&b=1` and `?b=1&a=5` share one entry. */
function contextKey(instance: Instance): string {
  return `ctx\n${instance.context}\n${JSON.stringify(instance.params)}`;
}

function pageKey(url: URL): string {
  const query = [...url.searchParams].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `page\n${url.pathname}\n${JSON.stringify(query)}`;
}

export function createEdgeHandler(options: EdgeHandlerOptions): EdgeHandler {
  const routing = compileRouting(options.manifest, options.basePath ?? options.manifest?.base_path);
  const { manifest } = routing;
  const store = options.store ?? new MemoryStore();
  const onError =
    options.onError ?? ((error, info) => console.error(`mizan edge: ${info.phase} error on ${info.url}`, error));
  const report = (error: unknown, phase: EdgeErrorPhase, url: URL) => {
    try {
      onError(error, { phase, url: url.href });
    } catch {
      // A failing logger must not become a second failure.
    }
  };
  const origin = options.origin;
  const send: (request: Request, url: URL, headers: Headers) => Promise<Response> =
    typeof origin === "function"
      ? (request, _url, headers) => origin(new Request(request, { headers }))
      : (request, url, headers) => {
          const target = new URL(url.pathname + url.search, origin);
          const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, redirect: "manual" };
          if (request.method !== "GET" && request.method !== "HEAD" && request.body !== null) {
            init.body = request.body;
            init.duplex = "half";
          }
          return fetch(target, init);
        };

  const forwardHeaders = (request: Request, url: URL, fill: boolean): Headers => {
    const headers = outgoingHeaders(request.headers);
    // The origin's body must reach this edge as is (a fetch would decode it but keep Content-Encoding).
    headers.delete("accept-encoding");
    headers.set("x-forwarded-host", url.host);
    headers.set("x-forwarded-proto", url.protocol.slice(0, -1));
    if (fill) {
      // A fill needs the whole body, whatever the client already has.
      headers.delete("if-none-match");
      headers.delete("if-modified-since");
    }
    return headers;
  };

  /** Asks the origin; purges what its answer invalidated before anything else sees the answer. */
  const fromOrigin = async (request: Request, url: URL, headers: Headers): Promise<Response | undefined> => {
    let response: Response;
    try {
      response = await send(request, url, headers);
    } catch (error) {
      report(error, "origin", url);
      return undefined;
    }
    const invalidate = response.headers.get(INVALIDATE_HEADER);
    if (invalidate) {
      try {
        await store.purge(parseInvalidateHeader(invalidate));
      } catch (error) {
        report(error, "purge", url);
      }
    }
    return response;
  };

  const unreachable = () => errorResponse(502, "internal", "the origin could not be reached");

  const pass = async (request: Request, url: URL): Promise<Response> => {
    const response = await fromOrigin(request, url, forwardHeaders(request, url, false));
    if (response === undefined) return unreachable();
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: outgoingHeaders(response.headers) });
  };

  /** A stored entry as the answer to this request: 304 when If-None-Match matches it. */
  const answer = (method: string, ifNoneMatch: string | null, entry: StoredResponse, state: "HIT" | "MISS"): Outgoing => {
    const headers: Record<string, string> = {};
    for (const [name, value] of entry.headers) headers[name] = value;
    headers["age"] = String(Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000)));
    headers["x-cache"] = state;
    if (noneMatch(ifNoneMatch, entry.etag)) {
      delete headers["content-length"];
      delete headers["content-type"];
      return { status: 304, headers, body: null };
    }
    return { status: entry.status, headers, body: method === "HEAD" ? null : entry.body };
  };

  const passthrough = (response: Response): Outgoing => ({ status: response.status, headers: {}, body: null, passthrough: response });

  /** Fills in progress, by entry key. */
  const fills = new Map<string, Promise<StoredResponse | undefined>>();

  const cached = async (incoming: EdgeIncoming, key: string, instances: Instance[]): Promise<Outgoing> => {
    const { url, method } = incoming;
    let entry: StoredResponse | undefined;
    try {
      const got = store.get(key);
      // A synchronous store (MemoryStore) costs no extra turn.
      entry = got instanceof Promise ? await got : got;
    } catch (error) {
      report(error, "store", url);
    }
    if (entry !== undefined) return answer(method, incoming.header("if-none-match"), entry, "HIT");
    // Concurrent misses of one entry ask the origin once: the others wait for
    // that fill and are answered from it when it was stored (a fill refused
    // for a purge since is no answer for them: they ask the origin themselves).
    const pending = fills.get(key);
    if (pending !== undefined) {
      const joined = await pending;
      if (joined !== undefined) return answer(method, incoming.header("if-none-match"), joined, "HIT");
    }
    let settle: (entry: StoredResponse | undefined) => void = () => {};
    if (!fills.has(key)) {
      const mine = new Promise<StoredResponse | undefined>((resolve) => (settle = resolve));
      fills.set(key, mine);
      void mine.then(() => fills.get(key) === mine && fills.delete(key));
    }
    try {
      return await fillEntry(incoming, key, instances, settle);
    } finally {
      settle(undefined);
    }
  };

  const fillEntry = async (
    incoming: EdgeIncoming,
    key: string,
    instances: Instance[],
    settle: (entry: StoredResponse | undefined) => void,
  ): Promise<Outgoing> => {
    const { url, method } = incoming;
    let epoch: number | undefined;
    try {
      epoch = await store.epoch();
    } catch (error) {
      report(error, "store", url);
    }
    const request = incoming.request();
    // A HEAD miss asks for the whole body, so that the entry can be stored.
    const fill = method === "HEAD" ? new Request(request, { method: "GET" }) : request;
    const response = await fromOrigin(fill, url, forwardHeaders(fill, url, true));
    if (response === undefined) return passthrough(unreachable());
    const freshness = response.status === 200 ? sharedFreshness(response.headers) : undefined;
    if (freshness === undefined || epoch === undefined) {
      const body = method === "HEAD" ? null : response.body;
      if (body === null) await response.body?.cancel();
      const headers = outgoingHeaders(response.headers);
      return passthrough(new Response(body, { status: response.status, statusText: response.statusText, headers }));
    }
    const now = Date.now();
    const stored: StoredResponse = {
      status: response.status,
      headers: [...outgoingHeaders(response.headers)],
      body: new Uint8Array(await response.arrayBuffer()),
      freshUntil: now + freshness.ttl * 1000,
      storedAt: now,
      etag: response.headers.get("etag"),
    };
    try {
      if (await store.put(key, instances, stored, epoch)) settle(stored);
    } catch (error) {
      report(error, "store", url);
    }
    return answer(method, incoming.header("if-none-match"), stored, "MISS");
  };

  /** The entry key and instances a GET of this URL reads, or null for a read that is never cached. */
  const resolveTarget = (url: URL): CacheTarget | null => {
    const context = routing.contextOf(url.pathname);
    if (context !== undefined) {
      // dynamic_cached and unknown contexts go straight to the origin.
      if (!routing.isPublic(context)) return null;
      const instance = routing.contextInstance(context, url.searchParams);
      return { key: contextKey(instance), instances: [instance] };
    }
    const instances = routing.pageInstances(url.pathname);
    return instances.length > 0 ? { key: pageKey(url), instances } : null;
  };
  // The same URLs are read again and again: remember what each resolved to
  // (bounded; forgotten all at once when full).
  const targets = new Map<string, CacheTarget | null>();
  const cacheTarget = (url: URL): CacheTarget | null => {
    const raw = url.pathname + url.search;
    let target = targets.get(raw);
    if (target === undefined) {
      if (targets.size >= TARGET_MEMO) targets.clear();
      target = resolveTarget(url);
      targets.set(raw, target);
    }
    return target;
  };

  const handle = async (incoming: EdgeIncoming): Promise<Outgoing> => {
    const { url, method } = incoming;
    const path = url.pathname;
    const fn = routing.callOf(path);
    if (fn !== undefined && Object.hasOwn(manifest.mutations, fn) && manifest.mutations[fn]!.private) {
      return passthrough(errorResponse(403, "forbidden", `"${fn}" is private: callable from server code only`));
    }
    if (method === "GET" || method === "HEAD") {
      const target = cacheTarget(url);
      if (target !== null) return cached(incoming, target.key, target.instances);
    }
    return passthrough(await pass(incoming.request(), url));
  };

  const handler = async (request: Request): Promise<Response> => {
    const out = await handle({
      method: request.method,
      url: new URL(request.url),
      header: (name) => request.headers.get(name),
      request: () => request,
    });
    if (out.passthrough !== undefined) return out.passthrough;
    return new Response(out.body, { status: out.status, headers: out.headers });
  };
  // toNodeListener (mizan/server) enters here directly: a hit is written
  // from the stored bytes without building a Request or a Response.
  return Object.assign(handler, { [NODE_ENTRY]: handle });
}
