import type { z } from "zod";
import type { Principal } from "../index.js";
import { INVALIDATE_KEY, RESULT_KEY, type Target } from "../protocol/index.js";
import { type Incoming } from "./incoming.js";
import type { HandlerOptions } from "./handler-options.js";
import { type Outgoing } from "./outgoing.js";
import type { RouteTable } from "./routes.js";
/** What `invoke` returns: the same two keys as a call's response body. */
export type InvokeResult<Result> = {
    readonly [K in typeof RESULT_KEY]: Result;
} & {
    readonly [K in typeof INVALIDATE_KEY]: Target[];
};
export interface InvokeOptions<User = Principal> {
    /** `req.user` for the function. Default null. */
    user?: User | null;
    /** `req.request` for the function; reading it throws when none was given. */
    request?: Request;
    /** `req.signal` for the function. Default: a signal that never aborts (invoke has no timeout). */
    signal?: AbortSignal;
}
type Functions<Routes extends RouteTable> = Routes["functions"];
/** Functions with arguments of their own: everything but context reads. */
export type InvokableName<Routes extends RouteTable> = {
    [N in keyof Functions<Routes>]: Functions<Routes>[N] extends {
        args: z.ZodType;
    } ? N : never;
}[keyof Functions<Routes>] & string;
type ArgsOf<F> = F extends {
    args: infer S extends z.ZodType;
} ? z.input<S> : never;
type ResultOf<F> = F extends {
    run: (...args: never[]) => infer R;
} ? Awaited<R> : unknown;
export interface Handler<Routes extends RouteTable = RouteTable, User = Principal> {
    (request: Request): Promise<Response>;
    /**
     * Runs a function from server code: validates `args` with its schema,
     * runs it, awaits the onInvalidate hooks with its targets and returns the
     * result with the targets. Private functions included. Throws a MizanHttpError
     * (bad_request with issues, not_found) for a wrong name or wrong arguments.
     */
    invoke<Name extends InvokableName<Routes>>(name: Name, args?: ArgsOf<Functions<Routes>[Name]>, options?: InvokeOptions<User>): Promise<InvokeResult<ResultOf<Functions<Routes>[Name]>>>;
}
/**
 * toNodeListener finds the endpoint entry here and skips Request/Response
 * objects. A registered symbol: createEdgeHandler offers the same entry
 * without importing the server.
 */
export declare const HANDLE: unique symbol;
/** An Outgoing as it is (a memory-cache hit: nothing to wait for), or a promise of one. */
export type Handle = ((incoming: Incoming) => Outgoing | Promise<Outgoing>) & {
    /** Present when the handler has a timeout: how a pending answer is sent. */
    readonly deliver?: Deliver;
};
/** Sends `pending`'s answer, or the timeout's 503 when that comes first; no promise per request of its own. */
export type Deliver = <R>(incoming: Incoming, pending: Promise<Outgoing>, send: (out: Outgoing) => R) => Promise<R | undefined>;
export declare function createHandler<Routes extends RouteTable, User = Principal>(options: HandlerOptions<Routes, User>): Handler<Routes, User>;
export {};
