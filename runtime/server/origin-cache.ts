// createHandler's side of the origin cache (mizan/cache): a context GET
// reads through it, and every mutation's targets purge it before the
// response is sent (as the first invalidation hook).
import type { CacheBinding, CacheReporter, OriginCacheLike, StoredResponse } from "../cache/binding.js";
import type { Incoming } from "./incoming.js";
import type { InvalidateHook } from "./hooks.js";
import type { RouteTable } from "./routes.js";

export type { OriginCacheLike, StoredResponse };

export function bindCache(cache: OriginCacheLike | undefined, routes: RouteTable, report: CacheReporter, timeout: number): CacheBinding | undefined {
  if (cache === undefined) return undefined;
  if (typeof (cache as Partial<OriginCacheLike>)?.bind !== "function") {
    throw new TypeError("mizan: cache must be a MemoryCache, RedisCache or TieredCache from mizan/cache");
  }
  return cache.bind(routes, report, { timeout });
}

export function cachePurgeHooks<User>(cache: CacheBinding | undefined): InvalidateHook<User>[] {
  return cache === undefined ? [] : [(targets) => cache.purge(targets, undefined)];
}

/** The request as a cache report names it; the URL is parsed only for a report, which most reads never make. */
class CacheRequestOf {
  readonly method: string;
  readonly afterAnswer: ((task: () => void) => void) | undefined;
  constructor(private readonly incoming: Incoming) {
    this.method = incoming.method;
    this.afterAnswer = incoming.afterAnswer;
  }
  get url(): string {
    return this.incoming.url.href;
  }
}

/** The context's 200 response, read through the origin cache (`build` makes it on a miss). */
export function contextResponse(
  cache: CacheBinding,
  incoming: Incoming,
  name: string,
  params: unknown,
  user: unknown,
  build: () => Promise<StoredResponse>,
): StoredResponse | Promise<StoredResponse> {
  return cache.read(name, params as Record<string, unknown>, user, build, new CacheRequestOf(incoming), incoming.search);
}
