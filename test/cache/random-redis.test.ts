// The randomized multi-user run on Redis (a real redis-server), 100k
// requests through RedisCache, with each fill before its answer and again
// after it. (random-tiered: the memory tier in front.)
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { RedisCache, TieredCache } from "mizan/cache";
import { appRoutes, authenticate, newDb, SECRET } from "./app.js";
import { randomRun } from "./model.js";
import { startRedis, type RedisServer } from "../support/redis.js";

let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  await redis.close();
});

const backend = process.env.MIZAN_CACHE_BACKEND ?? "RedisCache";
for (const [name, make] of [
  ["RedisCache", (prefix: string) => new RedisCache({ secret: SECRET, url: redis.url, prefix, commandTimeout: 1000 })],
  ["TieredCache", (prefix: string) => new TieredCache({ secret: SECRET, url: redis.url, prefix, commandTimeout: 1000, ackTimeout: 1000 })],
] as const) {
  if (name !== backend) continue;
  // Each fill before the answer (the Fetch handler), then after it (as over node:http).
  for (const afterAnswer of [false, true]) {
    const how = afterAnswer ? ", each entry stored after its answer" : "";
    test(`100k mixed requests by 8 users against ${name}${how}: 0 cross-user hits, 0 stale reads`, async () => {
      const db = newDb(8);
      // A prefix of its own: the run before left entries of another database in Redis.
      const cache = make(`${name}${afterAnswer ? "-after" : ""}:`);
      await cache.ready();
      const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: (error) => console.error(error) });
      const result = await randomRun(handler, db, { seed: 7 + name.length + (afterAnswer ? 1 : 0), requests: 100_000, users: 8, wave: 64, afterAnswer });
      const metrics = cache.metrics();
      await cache.close();
      console.log(name, JSON.stringify({ ...result, ...metrics }));
      assert.ok(result.requests >= 100_000);
      assert.is(result.failed, 0);
      assert.is(result.crossUser, 0);
      assert.is(result.stale, 0);
      assert.is(metrics.errors, 0, "Redis answered every command");
      assert.ok(metrics.hits > result.reads * 0.3, `the cache served (${metrics.hits} hits of ${result.reads} reads)`);
      assert.ok(name === "RedisCache" ? metrics.redisHits === metrics.hits : metrics.memoryHits > 0);
    });
  }
}

test.run();
