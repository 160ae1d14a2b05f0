// How the edge reads caching headers (may a shared cache keep it, and how
// long) and Retry-After, without HTTP.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sharedFreshness, sharedMaxAge } from "../../runtime/edge/cache-control.js";
import { retryAfterMs } from "../../runtime/edge/retry.js";

const fresh = (headers: Record<string, string>) => sharedFreshness(new Headers(headers));

test("a shared cache may keep public answers with a lifetime; CDN headers win", () => {
  assert.equal(fresh({ "cache-control": "public, s-maxage=60, stale-while-revalidate=30" }), { ttl: 60, staleWhileRevalidate: 30 });
  assert.equal(fresh({ "cache-control": "public, max-age=10" }), { ttl: 10, staleWhileRevalidate: 0 });
  assert.equal(fresh({ "cache-control": "s-maxage=60", "surrogate-control": "max-age=86400" }), { ttl: 86400, staleWhileRevalidate: 0 });
  assert.equal(fresh({ "cache-control": "public, s-maxage=60", "cdn-cache-control": "public, max-age=3600, stale-while-revalidate=9" }), { ttl: 3600, staleWhileRevalidate: 9 });
  assert.is(sharedMaxAge("public, s-maxage=60, max-age=5"), 60);
  assert.is(sharedMaxAge(null), undefined);
});

test("never kept: private, no-store, no-cache, Set-Cookie, Vary on the caller, no lifetime, a CDN no-store", () => {
  for (const headers of <Record<string, string>[]>[
    { "cache-control": "private, no-cache" },
    { "cache-control": "public, s-maxage=60, no-store" },
    { "cache-control": "no-cache, s-maxage=60" },
    { "cache-control": "public, s-maxage=60", "set-cookie": "a=b" },
    { "cache-control": "public, s-maxage=60", vary: "Accept, Cookie" },
    { "cache-control": "public, s-maxage=60", vary: "*" },
    { "cache-control": "public, s-maxage=60", vary: "authorization" },
    { "cache-control": "public" },
    { "cache-control": "public, s-maxage=0" },
    {},
    { "cache-control": "public, s-maxage=60", "cdn-cache-control": "no-store" },
  ]) {
    assert.is(fresh(headers), undefined, JSON.stringify(headers));
  }
});

test("Retry-After: seconds or an HTTP date; anything else is ignored", () => {
  assert.is(retryAfterMs("3"), 3000);
  assert.is(retryAfterMs(" 0 "), 0);
  const now = Date.parse("Fri, 27 Nov 2026 12:00:00 GMT");
  assert.is(retryAfterMs("Fri, 27 Nov 2026 12:00:05 GMT", now), 5000);
  assert.is(retryAfterMs("Fri, 27 Nov 2026 11:00:00 GMT", now), 0);
  assert.is(retryAfterMs("soon"), undefined);
  assert.is(retryAfterMs("-1"), undefined);
  assert.is(retryAfterMs(null), undefined);
});

test.run();
