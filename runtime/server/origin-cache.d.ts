import type { CacheBinding, CacheReporter, OriginCacheLike, StoredResponse } from "../cache/binding.js";
import type { Incoming } from "./incoming.js";
import type { InvalidateHook } from "./hooks.js";
import type { RouteTable } from "./routes.js";
export type { OriginCacheLike, StoredResponse };
export declare function bindCache(cache: OriginCacheLike | undefined, routes: RouteTable, report: CacheReporter, timeout: number): CacheBinding | undefined;
export declare function cachePurgeHooks<User>(cache: CacheBinding | undefined): InvalidateHook<User>[];
/** The context's 200 response, read through the origin cache (`build` makes it on a miss). */
export declare function contextResponse(cache: CacheBinding, incoming: Incoming, name: string, params: unknown, user: unknown, build: () => Promise<StoredResponse>): StoredResponse | Promise<StoredResponse>;
