// What createHandler sees of an origin cache: bind it to a route table once,
// then read context responses through it and purge targets. Types only, so
// mizan/server loads no cache code unless the application passes a cache.
import type { RenderStrategy, Target } from "../protocol/index.js";
import type { StoredResponse } from "./store.js";

export type { StoredResponse };

/**
 * What a cache reads of the route table: each context's query schema (its
 * parameter names) and scoping. The server's RouteTable fits it; the cache
 * names only this, so it does not depend on the server's module.
 */
export interface CachedRoutes {
  readonly contexts: Readonly<Record<string, { readonly query: unknown; readonly renderStrategy: RenderStrategy; readonly userScoped: boolean }>>;
}

/** Where a cache problem happened, for onError. */
export interface CacheErrorInfo {
  readonly name: string | undefined;
  readonly method: string;
  readonly url: string;
}

export type CacheReporter = (error: unknown, info: CacheErrorInfo) => void;

export interface CacheRequest {
  readonly method: string;
  readonly url: string;
  /** Runs `task` once the response is written (over node:http); absent: a miss's entry is stored at once. */
  readonly afterAnswer?: ((task: () => void) => void) | undefined;
}

export interface CacheBinding {
  /**
   * The 200 response of a context GET: from the cache, or from `build`
   * (which runs the functions) and then stored when still current. Never
   * rejects for a cache failure; a rejection of `build` is passed on. A hit
   * in memory is returned as is, without a promise. `query`, when given, is
   * the raw query string `params` were validated from.
   */
  read(
    context: string,
    params: Readonly<Record<string, unknown>>,
    user: unknown,
    build: () => Promise<StoredResponse>,
    request: CacheRequest,
    query?: string,
  ): StoredResponse | Promise<StoredResponse>;
  /** Purges the targets; settled once they landed or were kept for retry. Never rejects. */
  purge(targets: readonly Target[], request: CacheRequest | undefined): Promise<void>;
  /**
   * Tells `listener` the targets of every kept purge once it lands: until
   * then other instances may have served what it purges, to a CDN too,
   * which is then purged again.
   */
  onLanded?(listener: (targets: readonly Target[]) => void): void;
  /** Tells `listener` the contexts of every purge heard from another instance. */
  onHeard?(listener: (contexts: readonly string[]) => void): void;
}

/** What the handler tells a cache it binds. */
export interface BindOptions {
  /** The handler's timeout in ms: a computation running longer is not joined by later readers. */
  readonly timeout?: number;
}

export interface OriginCacheLike {
  bind(routes: CachedRoutes, report: CacheReporter, handler?: BindOptions): CacheBinding;
}
