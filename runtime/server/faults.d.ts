import { MizanHttpError } from "./errors.js";
export type ErrorPhase = "authenticate" | "run" | "invalidation" | "purge" | "handler" | "cache" | "timeout";
export interface ErrorInfo {
    readonly phase: ErrorPhase;
    /** The function or context involved, when there is one. */
    readonly name: string | undefined;
    readonly method: string;
    readonly url: string;
}
export type ErrorReporter = (error: unknown, info: ErrorInfo) => void;
/** A server error on its way to a 500, with what onError is told. */
export declare class ServerFault {
    readonly cause: unknown;
    readonly phase: ErrorPhase;
    readonly name: string | undefined;
    constructor(cause: unknown, phase: ErrorPhase, name: string | undefined);
}
/** What to throw for an error of user code: a MizanHttpError is an intended answer, anything else a server fault. */
export declare function serverFault(error: unknown, phase: ErrorPhase, name: string): MizanHttpError | ServerFault;
/**
 * Runs user code, its errors sorted by serverFault. What the code returns
 * synchronously comes back as it is (no promise to await); a thenable comes
 * back as a promise. (An async endpoint awaits the code in its own try instead.)
 */
export declare function guarded<T>(phase: ErrorPhase, name: string, work: () => T | PromiseLike<T>): T | Promise<T>;
/** onError (console.error by default), made safe: a failing logger must not turn into a second failure. */
export declare function errorReporter(onError: ErrorReporter | undefined): ErrorReporter;
