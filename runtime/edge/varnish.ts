// Varnish with varnish-modules' xkey: one `PURGE /` per batch per host,
// carrying the tags in `xkey-purge` (or `xkey-softpurge`), as the shipped
// VCL (mizan.vcl) reads them. Every host must confirm with a 2xx.
import { checkPositiveInteger, headerBatches, type FetchLike, type Purger } from "./purger.js";
import { resolveRetry, sendWithRetry, type RetryOptions } from "./retry.js";

export interface VarnishPurgerOptions extends RetryOptions {
  /** Each Varnish's listen address, e.g. `http://10.0.0.5:6081`. */
  hosts: readonly string[];
  /** Mark objects stale (served within grace while refetched) instead of removing them. Default false. */
  soft?: boolean;
  /** Largest `xkey-purge` header in bytes. Default 4096 (Varnish's http_req_hdr_len is 8 KiB). */
  maxHeaderBytes?: number;
  fetch?: FetchLike;
}

export function varnishPurger(options: VarnishPurgerOptions): Purger {
  if (!Array.isArray(options.hosts) || options.hosts.length === 0) throw new TypeError("mizan: varnishPurger needs at least one host");
  const hosts = options.hosts.map((host) => {
    const url = new URL(host);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`mizan: varnishPurger host ${host} is not an http(s) URL`);
    return new URL("/", url).href;
  });
  const maxHeaderBytes = checkPositiveInteger(options.maxHeaderBytes ?? 4096, 65536, "varnishPurger maxHeaderBytes");
  const header = options.soft ? "xkey-softpurge" : "xkey-purge";
  const retry = resolveRetry(options);
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    name: "varnish",
    async purge(tags, context) {
      const work = hosts.flatMap((host) =>
        headerBatches(tags, maxHeaderBytes, Number.MAX_SAFE_INTEGER).map((batch) =>
          sendWithRetry(
            { purger: `varnish ${host}`, tags: batch },
            (signal) => send(host, { method: "PURGE", headers: { [header]: batch.join(" ") }, signal }),
            context,
            retry,
          ),
        ),
      );
      await settleAll(work);
    },
  };
}

/** Waits for every request; once all are done, rejects with their failures. */
export async function settleAll(work: readonly Promise<void>[]): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  throwAll(outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason));
}

/** The one failure as is; several as an AggregateError naming each. */
export function throwAll(failures: readonly unknown[]): void {
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
    throw new AggregateError(failures, `${failures.length} purge requests failed: ${messages.join("; ")}`);
  }
}
