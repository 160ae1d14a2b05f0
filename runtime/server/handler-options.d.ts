import type { Principal } from "../index.js";
import type { Purger } from "../edge/purger.js";
import type { EdgeHeaderOptions } from "./edge-headers.js";
import type { PurgeOptions } from "./edge-purge.js";
import type { MizanHttpError } from "./errors.js";
import type { ErrorInfo } from "./faults.js";
import type { InvalidateHook } from "./hooks.js";
import type { LimitOptions } from "./limits.js";
import type { OriginCacheLike } from "./origin-cache.js";
import type { PublicCacheOptions } from "./public-cache.js";
import type { RouteTable } from "./routes.js";
export interface HandlerOptions<Routes extends RouteTable = RouteTable, User = Principal> extends LimitOptions {
    /** The generated route table (`routes` from the generated routes.ts). */
    routes: Routes;
    /** Where `/ctx/` and `/call/` live. Default: `routes.basePath`. */
    basePath?: string;
    /** The principal for `req.user`, or null. Not called for psr contexts, which never read the request. */
    authenticate?: (request: Request) => User | null | Promise<User | null>;
    /** Origins besides the server's own whose calls are accepted. */
    allowedOrigins?: readonly string[];
    /** Largest call body in bytes. Default 1 MiB. */
    bodyLimit?: number;
    /** Cache-Control of psr (public) context responses. */
    publicCache?: PublicCacheOptions;
    /** Run with every non-empty target list, awaited before the mutation's response is sent. */
    onInvalidate?: InvalidateHook<User> | readonly InvalidateHook<User>[];
    /** Told about every server error (the client only sees a generic 500). Default: console.error. */
    onError?: (error: unknown, info: ErrorInfo) => void;
    /**
     * Turns an error a function or `authenticate` threw into an intended
     * answer: return a MizanHttpError (e.g. for a framework's exception that
     * carries a 4xx status), or nothing for a 500. A mapped error is not a
     * server error, so onError does not hear of it.
     */
    mapError?: (error: unknown, info: ErrorInfo) => MizanHttpError | undefined | void;
    /** CDN tag headers on public context reads and public page routes (docs/edge.md). */
    edge?: EdgeHeaderOptions;
    /** CDN purgers run with every mutation's targets (docs/edge.md). */
    purge?: PurgeOptions | Purger | readonly Purger[];
    /** Answers requests outside the base path that match no view path. Default: 404. */
    fallback?: (request: Request) => Response | Promise<Response>;
    /** The origin cache of context responses (mizan/cache), purged by every mutation's targets. */
    cache?: OriginCacheLike;
}
