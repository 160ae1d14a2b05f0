// Fastly and Cloudflare purgers against local servers that check every
// request against the documented API shape, and answer errors (429 with
// Retry-After, 5xx, success false, a hang) to exercise retries, backoff
// and timeouts; then the purge option of createHandler: the mutation's
// response waits for the purge (or not), and a failure reaches onError.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cloudflarePurger, fastlyPurger, PurgeError, purgeHook, varnishPurger, type Purger } from "mizan/edge";
import { closeAgent, raw, serve } from "../server/helpers.js";
import { edgeApp, manifest, resetStore } from "./app.js";
import { CLOUDFLARE_SHAPE, FASTLY_SHAPE, fakeApi, type FakeApi } from "./fake-apis.js";

const tags = (n: number, prefix = "mz.c.p.v") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function run(purger: Purger, list: readonly string[], timeoutMs = 5000): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timed out")), timeoutMs);
  return purger.purge(list, { signal: controller.signal, deadline: Date.now() + timeoutMs }).finally(() => clearTimeout(timer));
}

async function rejection(work: Promise<unknown>): Promise<PurgeError> {
  try {
    await work;
  } catch (error) {
    assert.instance(error, PurgeError);
    return error as PurgeError;
  }
  throw new Error("expected a rejection");
}

let fastly: FakeApi;
let soft: FakeApi;
let cloudflare: FakeApi;

test.before(async () => {
  fastly = await fakeApi(FASTLY_SHAPE("SU1Z0isxPaozGVKXdv0eY", "fastly-token", false));
  soft = await fakeApi(FASTLY_SHAPE("svc", "fastly-token", true), true);
  cloudflare = await fakeApi(CLOUDFLARE_SHAPE("023e105f4ecef8ad9ca31a8372d0c353", "cf-token"));
});
test.after(async () => {
  closeAgent();
  await Promise.all([fastly.close(), soft.close(), cloudflare.close()]);
});
test.before.each(() => {
  for (const api of [fastly, soft, cloudflare]) {
    api.received.length = 0;
    api.violations.length = 0;
    api.script = [];
    api.delayMs = 0;
  }
});

const fastlyOf = (options: Partial<Parameters<typeof fastlyPurger>[0]> = {}) =>
  fastlyPurger({ serviceId: "SU1Z0isxPaozGVKXdv0eY", token: "fastly-token", endpoint: fastly.url, baseDelayMs: 10, ...options });
const cloudflareOf = (options: Partial<Parameters<typeof cloudflarePurger>[0]> = {}) =>
  cloudflarePurger({ zoneId: "023e105f4ecef8ad9ca31a8372d0c353", token: "cf-token", endpoint: cloudflare.url, baseDelayMs: 10, ...options });

test("Fastly: the documented request, in batches of at most 256 keys", async () => {
  const list = tags(600);
  await run(fastlyOf(), list);
  assert.equal(fastly.violations, []);
  assert.equal(fastly.received.map((r) => r.tags.length), [256, 256, 88]);
  assert.equal(fastly.received.flatMap((r) => r.tags).sort(), [...list].sort());
  await run(fastlyOf({ batchSize: 100 }), tags(150));
  assert.equal(fastly.received.slice(3).map((r) => r.tags.length), [100, 50]);
  assert.throws(() => fastlyOf({ batchSize: 257 }), /batchSize/);
  assert.throws(() => fastlyOf({ token: "" }), /token/);
});

test("Fastly: a soft purge sends Fastly-Soft-Purge: 1", async () => {
  await run(fastlyPurger({ serviceId: "svc", token: "fastly-token", endpoint: soft.url, soft: true }), ["mz.a"]);
  assert.equal(soft.violations, []);
  assert.is(soft.received[0]!.headers["fastly-soft-purge"], "1");
});

test("Fastly: 5xx answers are retried with backoff; a 4xx is not", async () => {
  fastly.script = [{ status: 503 }, { status: 500 }];
  await run(fastlyOf(), ["mz.a"]);
  assert.is(fastly.received.length, 3);
  fastly.script = [{ status: 401, body: { msg: "Provided credentials are missing or invalid" } }];
  const error = await rejection(run(fastlyOf(), ["mz.a"]));
  assert.is(error.status, 401);
  assert.is(error.attempts, 1);
  assert.match(error.message, /fastly: refused with HTTP 401: .*credentials/);
  assert.is(fastly.received.length, 4);
  fastly.script = Array.from({ length: 10 }, () => ({ status: 503 }));
  const exhausted = await rejection(run(fastlyOf({ retries: 2 }), ["mz.a"]));
  assert.is(exhausted.attempts, 3);
  assert.match(exhausted.message, /gave up after 3 attempt/);
});

test("Cloudflare: the documented request, at most 100 tags each, one after another", async () => {
  const list = tags(250);
  await run(cloudflareOf(), list);
  assert.equal(cloudflare.violations, []);
  assert.equal(cloudflare.received.map((r) => r.tags.length), [100, 100, 50]);
  assert.throws(() => cloudflareOf({ batchSize: 101 }), /batchSize/);
  assert.throws(() => cloudflareOf({ zoneId: "" }), /zoneId/);
});

test("Cloudflare: a 429 waits as long as Retry-After says, then succeeds", async () => {
  cloudflare.script = [{ status: 429, retryAfter: "1", body: { success: false, errors: [{ code: 10000, message: "rate limited" }] } }];
  const started = Date.now();
  await run(cloudflareOf(), ["mz.a"]);
  const waited = cloudflare.received[1]!.at - cloudflare.received[0]!.at;
  assert.ok(waited >= 950, `waited ${waited} ms`);
  assert.ok(Date.now() - started >= waited);
  assert.equal(cloudflare.violations, []);
});

test("Cloudflare: a Retry-After past the deadline fails at once, saying so", async () => {
  cloudflare.script = [{ status: 429, retryAfter: "60" }];
  const started = Date.now();
  const error = await rejection(run(cloudflareOf(), ["mz.a"], 3000));
  assert.ok(Date.now() - started < 3000, "failed before its deadline, without waiting for it");
  assert.is(error.status, 429);
  assert.match(error.message, /past the deadline/);
});

test("Cloudflare: a 200 with success false is a failure, not retried", async () => {
  cloudflare.script = [{ status: 200, body: { success: false, errors: [{ code: 1134, message: "purge by tag not allowed" }] } }];
  const error = await rejection(run(cloudflareOf(), ["mz.a"]));
  assert.match(error.message, /success: false.*1134/);
  assert.is(cloudflare.received.length, 1);
});

test("Cloudflare: a failing batch does not stop the others; every failure is reported", async () => {
  cloudflare.script = [{ status: 403 }];
  const error = await rejection(run(cloudflareOf(), tags(150)));
  assert.is(error.tags.length, 100);
  assert.equal(cloudflare.received.map((r) => r.tags.length), [100, 50]);
});

test("a request that hangs is abandoned at the timeout", async () => {
  fastly.script = ["hang"];
  const started = Date.now();
  const error = await rejection(run(fastlyOf(), ["mz.a"], 300));
  assert.ok(Date.now() - started >= 290);
  assert.match(error.message, /timed out/);
});

test("varnishPurger checks its hosts", () => {
  assert.throws(() => varnishPurger({ hosts: [] }), /at least one host/);
  assert.throws(() => varnishPurger({ hosts: ["ftp://x"] }), /http/);
});

test("createHandler's purge option: the mutation's response is sent after the purge confirmed", async () => {
  resetStore();
  fastly.delayMs = 150;
  const app = await serve(edgeApp({ edge: { manifest, header: "Surrogate-Key" }, purge: fastlyOf() }));
  const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"x","title":"t"}' });
  assert.is(response.status, 200);
  assert.is(fastly.received.length, 1, "purged before the answer");
  assert.equal(fastly.received[0]!.tags, ["mz.article.slug", "mz.article.slug.x"]);
  assert.equal(fastly.violations, []);
  await app.close();
});

test("the CDN is purged after the origin's caches (the onInvalidate hooks and the origin cache): a CDN miss in between would keep what the origin still held", async () => {
  resetStore();
  const events: string[] = [];
  const recording: Purger = {
    name: "recording",
    purge: async () => void events.push("cdn purge"),
  };
  const slowHook = async () => {
    events.push("hook started");
    await new Promise((resolve) => setTimeout(resolve, 100));
    events.push("hook done");
  };
  for (const wait of [true, false]) {
    events.length = 0;
    const app = await serve(edgeApp({ edge: { manifest, header: "Surrogate-Key" }, onInvalidate: slowHook, purge: { purgers: recording, wait } }));
    const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"o","title":"t"}' });
    assert.is(response.status, 200);
    for (let i = 0; i < 40 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(events, ["hook started", "hook done", "cdn purge"], `wait: ${wait}`);
    await app.close();
  }
});

test("wait: false answers while the purge is still pending; its failure reaches onError, phase purge", async () => {
  fastly.script = ["hang"];
  const reported: { error: unknown; phase: string; name: string | undefined }[] = [];
  const app = await serve(
    edgeApp({
      edge: { manifest, header: "Surrogate-Key" },
      purge: { purgers: fastlyOf(), wait: false, timeoutMs: 1000 },
      onError: (error, info) => reported.push({ error, phase: info.phase, name: info.name }),
    }),
  );
  const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"y","title":"t"}' });
  assert.is(response.status, 200);
  assert.equal(reported, [], "answered before the purge ended");
  for (let i = 0; i < 100 && reported.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.is(fastly.received.length, 1);
  assert.is(reported.length, 1);
  assert.is(reported[0]!.phase, "purge");
  assert.is(reported[0]!.name, "editArticle");
  assert.instance(reported[0]!.error, PurgeError);
  assert.match((reported[0]!.error as Error).message, /timed out/);
  await app.close();
});

test("a purge that times out lets the response go at the timeout, reported, the targets still in the answer", async () => {
  fastly.script = ["hang"];
  const reported: string[] = [];
  const app = await serve(edgeApp({ purge: { purgers: fastlyOf(), timeoutMs: 300 }, onError: (_e, info) => reported.push(info.phase) }));
  const started = Date.now();
  const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"z","title":"t"}' });
  const took = Date.now() - started;
  assert.is(response.status, 200);
  assert.is(response.headers["x-mizan-invalidate"], "article;slug=z");
  assert.ok(took >= 290, `took ${took} ms`);
  assert.equal(reported, ["purge"]);
  await app.close();
});

test("purgeHook: the purgers as an onInvalidate hook; a failure rejects (reported as phase invalidation)", async () => {
  const hook = purgeHook({ purgers: [fastlyOf(), cloudflareOf()], manifest });
  await hook([{ context: "article", params: { slug: "q" } }, "board"]);
  assert.equal(fastly.received[0]!.tags, ["mz.article.slug", "mz.article.slug.q", "mz.board"]);
  assert.equal(cloudflare.received[0]!.tags, ["mz.article.slug", "mz.article.slug.q", "mz.board"]);
  cloudflare.script = [{ status: 403 }];
  const reported: string[] = [];
  const app = await serve(edgeApp({ onInvalidate: purgeHook({ purgers: cloudflareOf() }), onError: (_e, info) => reported.push(info.phase) }));
  const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"w","title":"t"}' });
  assert.is(response.status, 200);
  assert.equal(reported, ["invalidation"]);
  await app.close();
});

test.run();
