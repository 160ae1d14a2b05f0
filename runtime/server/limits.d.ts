import type { Incoming } from "./incoming.js";
import type { RouteFunction, RouteTable } from "./routes.js";
export declare const DEFAULT_BODY_TIMEOUT = 10000;
export declare const DEFAULT_MAX_DEPTH = 64;
export declare const DEFAULT_TIMEOUT = 30000;
export interface LimitOptions {
    /**
     * Milliseconds a call body may take to arrive, from the moment it is read;
     * slower is 408 and the connection is closed. Default 10 000.
     */
    bodyTimeout?: number;
    /**
     * Milliseconds from a request's arrival to its answer; an answer not ready
     * by then (a function, schema or authenticate that hangs) is 503
     * `service_unavailable`, answered within 1.25 times this. The work is not
     * stopped: `req.signal` aborts, so a function may stop it. Default 30 000;
     * `Infinity` for none.
     */
    timeout?: number;
    /** Deepest nesting of arrays and objects in a call body (the top object counts as 1). Default 64. */
    maxDepth?: number;
    /**
     * Host names served (`app.example`, or `.app.example` for it and every
     * subdomain); any other `Host` is 403. Default: every Host. Set it against
     * DNS rebinding wherever the server is reachable without a proxy that
     * checks Host.
     */
    allowedHosts?: readonly string[];
    /**
     * Whether a function needs a user (`authenticate` returning non-null) to
     * run; without one the answer is 401 and the function is not called. A
     * function's own `@client({ requireUser })` wins. Default false.
     */
    requireUser?: boolean;
}
export interface Limits {
    readonly bodyTimeout: number;
    /** Infinity: none. */
    readonly timeout: number;
    readonly maxDepth: number;
    /** null: every Host. */
    readonly hosts: HostRule | null;
    readonly requireUser: boolean;
}
interface HostRule {
    readonly exact: ReadonlySet<string>;
    /** `.app.example` entries, stored with their leading dot. */
    readonly suffixes: readonly string[];
}
export declare function resolveLimits(options: LimitOptions & {
    routes: RouteTable;
}): Limits;
/**
 * 403 unless the request's host is allowed: the URL's, and the `Host` header's
 * when it names another (an absolute-form target names its own host, which
 * HTTP reads instead of the header; the Origin check falls back on the header).
 */
export declare function checkHost(limits: Limits, incoming: Incoming): void;
/** 401 when the function needs a user and there is none; the function's own choice wins over the handler's. */
export declare function checkUser(limits: Limits, entry: RouteFunction, user: unknown, name: string): void;
/** The same for a context bundle: 401 when any of its functions needs a user. */
export declare function checkContextUser(limits: Limits, routes: RouteTable, members: readonly string[], user: unknown, name: string): void;
export {};
