// The randomized multi-user run on the memory backend: 100k requests, 0
// cross-user hits, 0 stale reads, and the cache actually serving.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { MemoryCache } from "mizan/cache";
import { appRoutes, authenticate, newDb, SECRET } from "./app.js";
import { randomRun } from "./model.js";

test("100k mixed requests by 8 users against MemoryCache: 0 cross-user hits, 0 stale reads", async () => {
  const db = newDb(8);
  const cache = new MemoryCache({ secret: SECRET });
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache });
  const result = await randomRun(handler, db, { seed: 20261127, requests: 100_000, users: 8, wave: 64 });
  const metrics = cache.metrics();
  console.log(JSON.stringify({ ...result, hits: metrics.hits, misses: metrics.misses, coalesced: metrics.coalesced, fillsRefused: metrics.fillsRefused }));
  assert.ok(result.requests >= 100_000);
  assert.is(result.failed, 0);
  assert.is(result.crossUser, 0);
  assert.is(result.stale, 0);
  assert.ok(metrics.hits > result.reads * 0.3, `the cache served (${metrics.hits} hits of ${result.reads} reads)`);
  assert.ok(metrics.purges >= result.mutations);
});

test("the same with each miss's entry stored after its answer, as over node:http", async () => {
  const db = newDb(8);
  const cache = new MemoryCache({ secret: SECRET });
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache });
  const result = await randomRun(handler, db, { seed: 20261130, requests: 100_000, users: 8, wave: 64, afterAnswer: true });
  const metrics = cache.metrics();
  console.log(JSON.stringify({ ...result, hits: metrics.hits, misses: metrics.misses, coalesced: metrics.coalesced, fills: metrics.fills, fillsRefused: metrics.fillsRefused }));
  assert.ok(result.requests >= 100_000);
  assert.is(result.failed, 0);
  assert.is(result.crossUser, 0);
  assert.is(result.stale, 0);
  assert.ok(metrics.fills > 0 && metrics.hits > result.reads * 0.3, `the cache served (${metrics.hits} hits of ${result.reads} reads)`);
});

test.run();
