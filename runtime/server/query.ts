// A query string as the generated schemas read it: `{name: string}`, or
// `{name: string[]}` for a repeated key. A null-prototype object, so a key
// such as `__proto__` is an ordinary (and, to a strict schema, unknown) name.
import { MizanHttpError, parseWith } from "./errors.js";
import type { RouteContext } from "./routes.js";

export type RawQuery = Record<string, string | string[]>;

/**
 * 400 for a query string that is not percent-encoded UTF-8 (`%E0%A4%A`, a
 * bare `%`): URLSearchParams would read it with U+FFFD, or the `%` itself,
 * in place of what was meant, as a view path's own parameters never are.
 */
export function checkQueryEncoding(search: string): void {
  if (!search.includes("%")) return;
  try {
    decodeURIComponent(search);
  } catch {
    throw new MizanHttpError("bad_request", "the query string is not valid percent-encoding (UTF-8)");
  }
}

export function readQuery(params: URLSearchParams): RawQuery {
  const out: RawQuery = Object.create(null);
  for (const [name, value] of params) {
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}

// The validated parameters of recent query strings, per context: a context
// is read again and again with the same few queries, and parsing the query
// and running its schema is most of a read's own work. Only parameters that
// are all scalars are kept, and shared read-only (the endpoint hands its
// functions a copy, so none can change what the next request gets: a cache
// hit runs none and copies nothing); only successes, so a hostile stream of bad
// queries costs what it always did; and at most CACHE_SIZE per context,
// emptied when full, so no stream of distinct queries grows it.
const CACHE_SIZE = 256;
const validated = new WeakMap<RouteContext, Map<string, Readonly<Record<string, unknown>>>>();

function scalarsOnly(params: Record<string, unknown>): boolean {
  for (const key in params) {
    const value = params[key];
    if (value !== null && typeof value === "object") return false;
  }
  return true;
}

/**
 * The context's typed parameters for this query string (`url.search`, the
 * URL parsed only when not seen before), maybe shared with other requests:
 * copy before handing them to user code. 400 with issues when they do not validate.
 */
export function contextParams(
  context: RouteContext,
  search: string,
  source: { readonly url: URL },
): Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>> {
  let cache = validated.get(context);
  const hit = cache?.get(search);
  if (hit !== undefined) return hit;
  checkQueryEncoding(search);
  const parsed = parseWith(context.query, readQuery(source.url.searchParams), "query parameters");
  // An app's schema that validates asynchronously may look anything up: its answer is not kept.
  if (parsed instanceof Promise) return parsed as Promise<Record<string, unknown>>;
  const params = parsed as Record<string, unknown>;
  if (params !== null && typeof params === "object" && scalarsOnly(params)) {
    if (cache === undefined) validated.set(context, (cache = new Map()));
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(search, { ...params });
  }
  return params;
}
