import type { ErrorInfo } from "./types.js";

/**
 * A non-2xx answer. `code`, `message` and `issues` come from the error body
 * (PROTOCOL §3); an answer without one (a proxy's 502) gets `"http_error"`.
 * Network failures and aborts reject with the fetch's own error instead.
 */
export class MizanError extends Error {
  readonly status: number;
  readonly code: ErrorInfo["code"];
  readonly issues: ErrorInfo["issues"];

  constructor(status: number, body?: ErrorInfo) {
    super(body?.message || "HTTP " + status);
    this.name = "MizanError";
    this.status = status;
    this.code = body?.code || "http_error";
    this.issues = body?.issues;
  }
}
