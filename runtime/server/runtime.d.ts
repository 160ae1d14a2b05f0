import type { Principal } from "../index.js";
import type { Target } from "../protocol/index.js";
import type { CacheBinding } from "../cache/binding.js";
import type { MizanHttpError } from "./errors.js";
import { type ErrorInfo } from "./faults.js";
import type { HandlerOptions } from "./handler-options.js";
import { type InvalidationInfo } from "./hooks.js";
import type { Incoming } from "./incoming.js";
import { type Limits } from "./limits.js";
import type { RouteTable } from "./routes.js";
import { type ViewRoute } from "./view-paths.js";
export interface Runtime<User = Principal> {
    readonly routes: RouteTable;
    /** No trailing slash; "" for a base path of "/". */
    readonly basePath: string;
    readonly allowedOrigins: ReadonlySet<string>;
    readonly bodyLimit: number;
    readonly limits: Limits;
    readonly views: readonly ViewRoute[];
    /** Whether a view path lies under the base path (else /ctx/ and /call/ skip view matching). */
    readonly viewsUnderBase: boolean;
    /** Cache-Control of each psr context. */
    readonly publicCacheControl: ReadonlyMap<string, string>;
    readonly fallback: ((request: Request) => Response | Promise<Response>) | undefined;
    readonly cache: CacheBinding | undefined;
    /**
     * The application's `authenticate`, its errors sorted by serverFault; undefined without one (every
     * user is then null). A promise only when authenticate returned one: a synchronous one costs no await.
     */
    authenticate?(incoming: Incoming, name: string): User | null | Promise<User | null>;
    /** Sends a mutation's targets to the cache's purge, onInvalidate and the CDN purgers; undefined when there are none. */
    emit?(targets: readonly Target[], info: InvalidationInfo<User>, incoming: Incoming | undefined): Promise<void>;
    reportError(error: unknown, info: ErrorInfo): void;
    /** The application's mapError, undefined without one. */
    readonly mapError: ((error: unknown, info: ErrorInfo) => MizanHttpError | undefined | void) | undefined;
}
export declare function resolveOptions<User>(options: HandlerOptions<RouteTable, User>): Runtime<User>;
