import type { ErrorInfo } from "./types.js";

/**
 * A non-2xx answer. `code`, `message` and `issues` come from the error body
 * (PROTOCOL §3); an answer without one (a proxy's 502) gets `"http_error"`.
 * Network failures and aborts reject with the fetch's own error instead.
 */
export class MizanResponseError extends Error {
  // Declared, not defined: the constructor sets them, and no field initialisers reach the bundle.
  declare readonly status: number;
  declare readonly code: ErrorInfo["code"];
  declare readonly issues: ErrorInfo["issues"];

  constructor(status: number, body?: ErrorInfo) {
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
/** @deprecated Use MizanResponseError. */
export type MizanError = MizanResponseError;
