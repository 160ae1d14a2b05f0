// The origin side of a CDN (PROTOCOL §8): public context reads and public
// page-route pages carry their tags in the configured header, plus a
// CDN-only lifetime when one is configured and longer than s-maxage.
// User-scoped reads are `private` (context-endpoint.ts) and get nothing.
import type { Manifest } from "../protocol/index.js";
import { sharedFreshness, sharedMaxAge } from "../edge/cache-control.js";
import { compileRouting, type Instance } from "../edge/routing.js";
import { checkPrefix, DEFAULT_TAG_PREFIX, instanceTags, MAX_TAGS, TAG_HEADERS, formatTagHeader, type TagHeader } from "../edge/tags.js";
import type { Incoming } from "./incoming.js";
import type { PurgeClock } from "./purge-clock.js";
import { withHeaders, type Outgoing } from "./outgoing.js";

export interface EdgeHeaderOptions {
  /** The generated manifest.json: page routes and parameter types. */
  manifest: Manifest;
  /** `xkey` (Varnish), `Surrogate-Key` (Fastly) or `Cache-Tag` (Cloudflare). */
  header: TagHeader;
  /** Tag prefix. Default "mz". */
  prefix?: string;
  /**
   * Seconds the CDN alone may keep a public response, when longer than its
   * s-maxage (other shared caches, which no purge reaches, keep s-maxage).
   * Sent as Surrogate-Control (xkey, Surrogate-Key) or CDN-Cache-Control
   * (Cache-Tag). Default: none.
   */
  cdnMaxAge?: number;
}

/** `started`: the purge clock's stamp when the read started (purge-clock.ts), when there is a clock. */
export type EdgeDecorator = (incoming: Incoming, out: Outgoing, started?: number) => Outgoing;

export function edgeHeaders(
  options: EdgeHeaderOptions,
  basePath: string,
  report: (error: unknown, incoming: Incoming) => void,
  /** The purges of each context, when `purge` is configured (edge-purge.ts). */
  clock?: PurgeClock,
): EdgeDecorator {
  if (!TAG_HEADERS.includes(options.header)) throw new TypeError(`mizan: edge.header must be one of ${TAG_HEADERS.join(", ")}`);
  const prefix = checkPrefix(options.prefix ?? DEFAULT_TAG_PREFIX);
  const cdnMaxAge = options.cdnMaxAge;
  if (cdnMaxAge !== undefined && (!Number.isSafeInteger(cdnMaxAge) || cdnMaxAge < 0)) {
    throw new TypeError("mizan: edge.cdnMaxAge must be a whole number of seconds");
  }
  const routing = compileRouting(options.manifest, basePath);
  for (const [name, shape] of routing.shapes) {
    if (shape.params.size >= MAX_TAGS) throw new TypeError(`mizan: the context ${name} has too many parameters to be tagged`);
  }
  const tagHeader = options.header.toLowerCase();
  const cdnHeader = options.header === "Cache-Tag" ? "cdn-cache-control" : "surrogate-control";

  const tagsOf = (instances: readonly Instance[]): string[] => {
    const all = new Set(instances.flatMap((i) => instanceTags(i.context, routing.declared(i.context) ?? [], i.params, prefix)));
    if (all.size <= MAX_TAGS) return [...all].sort();
    // Several contexts on one page: each reduced to its context and wildcard tags.
    const coarse = new Set(instances.flatMap((i) => instanceTags(i.context, routing.declared(i.context) ?? [], {}, prefix)));
    if (coarse.size > MAX_TAGS) throw new RangeError(`mizan: a page of ${instances.length} contexts needs more than ${MAX_TAGS} tags`);
    return [...coarse].sort();
  };

  /** The tag header, and the CDN-only lifetime when one is configured, longer than s-maxage and not set already. */
  const tagged = (out: Outgoing, tags: string[], cacheControl: string | null): Outgoing => {
    const added: Record<string, string> = { [tagHeader]: formatTagHeader(options.header, tags) };
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

  /** A read a purge of one of its contexts overlapped: no shared cache may keep it (purge-clock.ts). */
  const overlapped = (contexts: readonly string[], started: number | undefined): boolean => {
    return clock !== undefined && started !== undefined && contexts.some((context) => clock.since(context, started));
  };

  const decorate: EdgeDecorator = (incoming, out, started) => {
    if ((incoming.method !== "GET" && incoming.method !== "HEAD") || (out.status !== 200 && out.status !== 304)) return out;
    const path = incoming.url.pathname;
    const context = routing.contextOf(path);
    if (context !== undefined) {
      const control = out.headers["cache-control"] ?? null;
      // Public by the context's render strategy and by its own answer, never one without the other.
      if (!routing.isPublic(context) || !control?.startsWith("public")) return out;
      if (overlapped([context], started)) return withHeaders(out, { "cache-control": "no-store" });
      return tagged(out, tagsOf([routing.contextInstance(context, incoming.url.searchParams)]), control);
    }
    const instances = routing.pageInstances(path);
    if (instances.length === 0) return out;
    if (overlapped(instances.map((i) => i.context), started)) return withHeaders(out, { "cache-control": "no-store" });
    const headers = new Headers(out.passthrough?.headers);
    for (const [name, value] of Object.entries(out.headers)) headers.set(name, value);
    // A page is tagged when its own headers let a shared cache keep it: a
    // page a CDN may keep must be purgeable; one it may not keep needs no tag.
    if (sharedFreshness(headers) === undefined) return out;
    return tagged(out, tagsOf(instances), headers.get("cache-control"));
  };

  return (incoming, out, started) => {
    try {
      return decorate(incoming, out, started);
    } catch (error) {
      // A response that cannot be tagged cannot be purged: no shared cache may keep it.
      report(error, incoming);
      return withHeaders(out, { "cache-control": "no-store" });
    }
  };
}
