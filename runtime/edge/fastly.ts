// Fastly: batch purge by surrogate key (POST /service/{service_id}/purge,
// body {"surrogate_keys": [...]}, at most 256 keys per request, token in
// `Fastly-Key`, `Fastly-Soft-Purge: 1` for a soft purge). Followed: Fastly
// API reference, "Purge multiple surrogate key tags" (2026).
import { batches, checkPositiveInteger, type FetchLike, type Purger } from "./purger.js";
import { resolveRetry, sendWithRetry, type RetryOptions } from "./retry.js";
import { settleAll } from "./varnish.js";

export const FASTLY_API = "https://api.fastly.com";
export const FASTLY_MAX_KEYS = 256;

export interface FastlyPurgerOptions extends RetryOptions {
  serviceId: string;
  /** An API token with the purge_select scope. */
  token: string;
  /** Mark content stale instead of removing it. Default false. */
  soft?: boolean;
  /** Keys per request, at most 256. Default 256. */
  batchSize?: number;
  /** Default https://api.fastly.com. */
  endpoint?: string;
  fetch?: FetchLike;
}

export function fastlyPurger(options: FastlyPurgerOptions): Purger {
  if (typeof options.serviceId !== "string" || options.serviceId === "") throw new TypeError("mizan: fastlyPurger needs a serviceId");
  if (typeof options.token !== "string" || options.token === "") throw new TypeError("mizan: fastlyPurger needs a token");
  const batchSize = checkPositiveInteger(options.batchSize ?? FASTLY_MAX_KEYS, FASTLY_MAX_KEYS, "fastlyPurger batchSize");
  const url = `${(options.endpoint ?? FASTLY_API).replace(/\/+$/, "")}/service/${encodeURIComponent(options.serviceId)}/purge`;
  const headers: Record<string, string> = {
    "fastly-key": options.token,
    "content-type": "application/json",
    accept: "application/json",
  };
  if (options.soft) headers["fastly-soft-purge"] = "1";
  const retry = resolveRetry(options);
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    name: "fastly",
    async purge(tags, context) {
      await settleAll(
        batches(tags, batchSize).map((batch) =>
          sendWithRetry(
            { purger: "fastly", tags: batch },
            (signal) => send(url, { method: "POST", headers, body: JSON.stringify({ surrogate_keys: batch }), signal }),
            context,
            retry,
          ),
        ),
      );
    },
  };
}
