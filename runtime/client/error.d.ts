import type { ErrorInfo } from "./types.js";
/**
 * A non-2xx answer. `code`, `message` and `issues` come from the error body
 * (PROTOCOL §3); an answer without one (a proxy's 502) gets `"http_error"`.
 * Network failures and aborts reject with the fetch's own error instead.
 */
export declare class MizanResponseError extends Error {
    readonly status: number;
    readonly code: ErrorInfo["code"];
    readonly issues: ErrorInfo["issues"];
    constructor(status: number, body?: ErrorInfo);
}
/**
 * @deprecated The former name of MizanResponseError (mizan/server's error
 * had the same name); kept so existing code compiles, to be removed in the
 * next major version.
 */
export declare const MizanError: typeof MizanResponseError;
/** @deprecated Use MizanResponseError. */
export type MizanError = MizanResponseError;
