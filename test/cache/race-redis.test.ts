// Purge racing 64 concurrent fills on RedisCache, a real redis-server (see
// race.ts): the compare-and-set is the FILL script, atomic in Redis.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RedisCache } from "mizan/cache";
import { UNSAFE_SKIP_GENERATION_CHECK } from "../../runtime/cache/unsafe.js";
import { SECRET } from "./app.js";
import { purgeRace } from "./race.js";
import { startRedis, type RedisServer } from "../support/redis.js";

// The full count in npm test: each iteration is about 190 Redis
// commands (64 lookups and up to 64 fills racing two purges, 64 lookups to
// verify). MIZAN_RACE_ITERATIONS overrides it.
const ITERATIONS = Number(process.env.MIZAN_RACE_ITERATIONS ?? 10_000);

let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  await redis.close();
});

test(`${ITERATIONS} iterations of a purge racing 64 fills in Redis: 0 stale reads`, async () => {
  const cache = new RedisCache({ secret: SECRET, url: redis.url, prefix: "race:", commandTimeout: 2000 });
  await cache.ready();
  const result = await purgeRace(cache, { seed: 2, iterations: ITERATIONS, maxTurns: 3, macro: true });
  await cache.close();
  console.log(JSON.stringify(result));
  assert.is(result.iterations, ITERATIONS);
  assert.is(result.stale, 0);
  assert.ok(result.refused > 0, "some fills were refused: they raced the purge");
});

test("the same race with the generation check disabled serves stale reads", async () => {
  const cache = new RedisCache({ secret: SECRET, url: redis.url, prefix: "unsafe:", commandTimeout: 2000, [UNSAFE_SKIP_GENERATION_CHECK]: true });
  await cache.ready();
  const result = await purgeRace(cache, { seed: 2, iterations: 100, maxTurns: 3, macro: true, changeAfterReads: true });
  await cache.close();
  console.log(JSON.stringify(result));
  assert.ok(result.stale > 0, `stale reads: ${result.stale}`);
});

test.run();
