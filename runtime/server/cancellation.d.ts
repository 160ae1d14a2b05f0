/** Why a request's signal aborted when the handler's timeout passed. */
export declare function timeoutReason(timeout: number): DOMException;
/** Why a request's signal aborted when its client left. */
export declare function clientLeft(): DOMException;
export declare class Cancellation {
    #private;
    private readonly watch;
    /** `watch` is called once, by the signal's first reader, to cancel when the client leaves. */
    constructor(watch: (cancel: (reason: unknown) => void) => void);
    get signal(): AbortSignal;
    /** Whether the client left or the timeout passed: what the work then throws is nobody's concern. */
    get cancelled(): boolean;
    cancel(reason: unknown): void;
}
/**
 * A signal that never aborts: for work readers share (a context read through
 * the origin cache), which no one reader's leaving may stop, and for invoke
 * given no signal.
 */
export declare const NEVER_ABORTS: {
    readonly signal: AbortSignal;
};
/** Throws the signal's abort when the request's timeout (or its client) is gone: its function is not started. */
export declare function notExpired(incoming: {
    cancelled(): boolean;
}): void;
