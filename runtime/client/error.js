/**
 * A non-2xx answer. `code`, `message` and `issues` come from the error body
 * (PROTOCOL §3); an answer without one (a proxy's 502) gets `"http_error"`.
 * Network failures and aborts reject with the fetch's own error instead.
 */
export class MizanResponseError extends Error {
    constructor(status, body) {
        super(body?.message || "HTTP " + status);
        Object.assign(this, { name: "MizanResponseError", status, code: body?.code || "http_error", issues: body?.issues });
    }
}
/**
 * @deprecated The former name of MizanResponseError (mizan/server's error
 * had the same name); kept so existing code compiles, to be removed in the
 * next major version.
 */
export const MizanError = MizanResponseError;
