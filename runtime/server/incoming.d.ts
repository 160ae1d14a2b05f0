import { Cancellation } from "./cancellation.js";
import { MizanHttpError } from "./errors.js";
export type BodyRead = {
    ok: true;
    bytes: Uint8Array;
} | {
    ok: false;
};
/**
 * The client went away before its body arrived (a reset, a closed socket, a
 * failing request stream). Nobody is left to answer and nothing is wrong
 * with the server, so it is not reported to onError: anyone could flood
 * error logs and metrics by aborting uploads.
 */
export declare class ClientGone extends Error {
    readonly cause: unknown;
    constructor(cause: unknown);
}
/** A body slower than the body timeout: 408, and the connection is not kept. */
export declare function bodyTimedOut(timeout: number): MizanHttpError;
export interface Incoming {
    readonly method: string;
    /** The URL's pathname and search (`"?a=1"`, or `""`), which routing needs; `url` may be parsed only on use. */
    readonly path: string;
    readonly search: string;
    readonly url: URL;
    /** A request header (lowercase name), or null. */
    header(name: string): string | null;
    /**
     * Reads the body, stopping once it passes `limit` bytes (`{ok: false}`);
     * the rest is then drained or cancelled, never buffered. Rejects with a
     * 408 MizanHttpError after `timeout` ms, with ClientGone when the client leaves.
     */
    readBody(limit: number, timeout: number): Promise<BodyRead>;
    /**
     * The body when it is all in already, taken without a promise; undefined
     * when readBody must wait for it (and on entries that cannot tell). Asked
     * one microtask after the request arrived, as readBody itself waits.
     */
    bufferedBody?(limit: number): BodyRead | undefined;
    /** The standard Request, built on first use. */
    request(): Request;
    /** What `authenticate` reads: method, url and headers without building a Request (request-head.ts). */
    requestHead(): Request;
    /** `req.signal`'s source: cancelled when the client leaves or the handler's timeout passes. */
    readonly cancellation: Cancellation;
    /** Whether the client has gone away (its connection closed, its Request aborted). */
    left(): boolean;
    /** Whether `req.signal` has aborted (made and cancelled). */
    cancelled(): boolean;
    /** The view path's function, context or function routing sent the request to (for the timeout's report). */
    routed?: string | undefined;
}
export declare function fromRequest(request: Request): Incoming;
export declare function concat(chunks: readonly Uint8Array[], size: number): Uint8Array;
