// Cloudflare: purge by cache tags (POST /zones/{zone_id}/purge_cache, body
// {"tags": [...]}, a Bearer API token, at most 100 tags per request on every
// plan). Purges are rate limited per account (a token bucket; 429 with
// Retry-After when empty): batches go one after another, and a 429 waits
// as long as Retry-After says. A 200 whose body says `"success": false` is
// a failure. Followed: developers.cloudflare.com, "Purge cache" and the API
// reference "Purge Cached Content" (2025 limits table: 100 operations per
// request on every plan).
import { batches, checkPositiveInteger, type FetchLike, type Purger } from "./purger.js";
import { resolveRetry, sendWithRetry, type RetryOptions } from "./retry.js";
import { throwAll } from "./varnish.js";

export const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";
export const CLOUDFLARE_MAX_TAGS = 100;

export interface CloudflarePurgerOptions extends RetryOptions {
  zoneId: string;
  /** An API token with the Cache Purge permission for the zone. */
  token: string;
  /** Tags per request, at most 100. Default 100. */
  batchSize?: number;
  /** Default https://api.cloudflare.com/client/v4. */
  endpoint?: string;
  fetch?: FetchLike;
}

async function refusal(response: Response): Promise<string | undefined> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return `HTTP ${response.status} with a body that is not JSON`;
  }
  if (body !== null && typeof body === "object" && (body as { success?: unknown }).success === true) return undefined;
  return `the API answered success: false: ${JSON.stringify((body as { errors?: unknown })?.errors ?? body)}`;
}

export function cloudflarePurger(options: CloudflarePurgerOptions): Purger {
  if (typeof options.zoneId !== "string" || options.zoneId === "") throw new TypeError("mizan: cloudflarePurger needs a zoneId");
  if (typeof options.token !== "string" || options.token === "") throw new TypeError("mizan: cloudflarePurger needs a token");
  const batchSize = checkPositiveInteger(options.batchSize ?? CLOUDFLARE_MAX_TAGS, CLOUDFLARE_MAX_TAGS, "cloudflarePurger batchSize");
  const url = `${(options.endpoint ?? CLOUDFLARE_API).replace(/\/+$/, "")}/zones/${encodeURIComponent(options.zoneId)}/purge_cache`;
  const headers = { authorization: `Bearer ${options.token}`, "content-type": "application/json" };
  const retry = resolveRetry(options);
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    name: "cloudflare",
    async purge(tags, context) {
      // One at a time: parallel requests would only empty the bucket faster.
      // A failed batch does not stop the others; every failure is reported.
      const failures: unknown[] = [];
      for (const batch of batches(tags, batchSize)) {
        try {
          await sendWithRetry(
            { purger: "cloudflare", tags: batch },
            (signal) => send(url, { method: "POST", headers, body: JSON.stringify({ tags: batch }), signal }),
            context,
            retry,
            refusal,
          );
        } catch (error) {
          failures.push(error);
        }
      }
      throwAll(failures);
    },
  };
}
