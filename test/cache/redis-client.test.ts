// RedisCache over the application's own node-redis client: hits come from
// Redis, purges reach it, a paused Redis opens the breaker (requests stop
// waiting on timeouts) and a resumed one closes it; closing the cache leaves
// the application's client open.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createClient } from "redis";
import { createHandler, type ErrorInfo } from "mizan/server";
import { RedisCache, type RedisClientLike } from "mizan/cache";
import { command, CommandTimeoutError } from "../../runtime/cache/redis-client.js";
import { appRoutes, authenticate, newDb, SECRET } from "./app.js";
import { startRedis, type RedisServer } from "../support/redis.js";

let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  await redis.close();
});

test("the application's client: Redis hits, purges, breaker, and the client stays the application's", async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  await client.connect();
  const db = newDb();
  const errors: ErrorInfo[] = [];
  const cache = new RedisCache({ secret: SECRET, client: client as unknown as RedisClientLike, prefix: "app:", commandTimeout: 200, breaker: { threshold: 3, cooldown: 300 } });
  await cache.ready();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: (_e, info) => { errors.push(info); if (process.env.DEBUG_CACHE) console.log(String(_e)); } });
  const get = async (path: string) => (await handler(new Request(`http://app.test/api/mizan/ctx/${path}`, { headers: { authorization: "u1" } }))).json();

  await get("user/?userId=1");
  const runs = db.runs;
  assert.is((await get("user/?userId=1")).profile.name, "user1");
  assert.is(db.runs, runs);
  assert.is(cache.metrics().redisHits, 1);
  const keys = await client.keys("app:e:*");
  assert.is(keys.length, 1, "one entry in Redis, under the prefix");
  assert.not.match(keys[0]!, /user|u1/, "the key reveals neither context nor principal");

  await handler.invoke("rename", { userId: 1, name: "Ada" });
  assert.is((await client.keys("app:e:*")).length, 0, "the purge deleted it in Redis");
  assert.is((await get("user/?userId=1")).profile.name, "Ada");

  redis.pause();
  const started = performance.now();
  for (let i = 0; i < 10; i++) assert.is((await get("user/?userId=2")).profile.name, "user2");
  const elapsed = performance.now() - started;
  const paused = cache.metrics();
  assert.is(paused.breakerOpen, 1);
  assert.ok(paused.bypassed >= 7, "after 3 timeouts the breaker skips Redis");
  assert.ok(elapsed < 8 * 200, `requests did not each wait a timeout (${elapsed.toFixed(0)} ms)`);
  assert.ok(errors.length >= 1 && errors.every((info) => info.phase === "cache"));
  redis.resume();
  // A probe goes out once per cooldown; the first one after the resume closes the breaker.
  for (let i = 0; i < 40 && cache.metrics().breakerOpen === 1; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await get("user/?userId=3");
  }
  assert.is(cache.metrics().breakerOpen, 0, "a probe closed the breaker");
  const hits = cache.metrics().redisHits;
  await get("user/?userId=3");
  await get("user/?userId=3");
  assert.ok(cache.metrics().redisHits > hits, "Redis serves again");

  await cache.close();
  assert.ok(client.isOpen, "the application's client is not closed by the cache");
  await client.close();
});

test("the lookups of one turn of the loop go to Redis as one call, and each request gets its own entry", async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  await client.connect();
  const db = newDb();
  const cache = new RedisCache({ secret: SECRET, client: client as unknown as RedisClientLike, prefix: "batch:" });
  await cache.ready();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache });
  const get = async (userId: number, who: string) =>
    (await handler(new Request(`http://app.test/api/mizan/ctx/user/?userId=${userId}`, { headers: { authorization: who } }))).json();
  const lookups = async () => Number(/cmdstat_evalsha:calls=(\d+)/.exec(String(await client.sendCommand(["INFO", "commandstats"])))?.[1] ?? 0);
  try {
    const readers = [1, 2, 3, 4, 5].flatMap((userId) => ["u1", "u2"].map((who) => ({ userId, who })));
    for (const { userId, who } of readers) await get(userId, who);
    for (let i = 0; i < 100 && (await client.keys("batch:e:*")).length < readers.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const runs = db.runs;
    const before = await lookups();
    // 70 requests in one turn: a full batch of 64 sent at once, the other 6 when the turn ends.
    const requests = Array.from({ length: 70 }, (_, i) => readers[(i * 7) % readers.length]!);
    const bodies = await Promise.all(requests.map(({ userId, who }) => get(userId, who)));
    assert.is(db.runs, runs, "every request a Redis hit");
    assert.is(cache.metrics().redisHits, 70);
    bodies.forEach((body, i) => {
      assert.is(body.profile.name, `user${requests[i]!.userId}`);
      assert.is(body.profile.viewer, requests[i]!.who);
    });
    assert.is((await lookups()) - before, 2, "two script calls for 70 lookups");
  } finally {
    await cache.close();
    await client.close();
  }
});

test("closing the cache with fills still on their way reports nothing", async () => {
  const db = newDb(200);
  const errors: string[] = [];
  const cache = new RedisCache({ secret: SECRET, url: redis.url, prefix: "closing:" });
  await cache.ready();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: (error) => void errors.push(String(error)) });
  const admin = createClient({ url: redis.url });
  await admin.connect();
  // Without its scripts, each fill takes a second round trip (NOSCRIPT, then EVAL): still on its way at close().
  await admin.sendCommand(["SCRIPT", "FLUSH"]);
  await admin.close();
  const reads = Array.from({ length: 200 }, (_, i) =>
    handler(new Request(`http://app.test/api/mizan/ctx/user/?userId=${i + 1}`, { headers: { authorization: "u1" } })),
  );
  for (const response of await Promise.all(reads)) assert.is(response.status, 200);
  await cache.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(errors, []);
});

test("after Redis lost its scripts (SCRIPT FLUSH, a restart), lookups, fills and purges send them again, with no error", async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  await client.connect();
  const db = newDb();
  const errors: unknown[] = [];
  const cache = new RedisCache({ secret: SECRET, client: client as unknown as RedisClientLike, prefix: "flush:" });
  await cache.ready();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: (error) => errors.push(error) });
  const get = async (path: string) => (await handler(new Request(`http://app.test/api/mizan/ctx/${path}`, { headers: { authorization: "u1" } }))).json();
  try {
    await client.sendCommand(["SCRIPT", "FLUSH"]);
    await get("user/?userId=1");
    // The fill goes out after the response.
    for (let i = 0; i < 100 && (await client.keys("flush:e:*")).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.is((await client.keys("flush:e:*")).length, 1, "the fill was stored");
    await client.sendCommand(["SCRIPT", "FLUSH"]);
    const runs = db.runs;
    await get("user/?userId=1");
    assert.is(db.runs, runs, "a Redis hit");
    await client.sendCommand(["SCRIPT", "FLUSH"]);
    await handler.invoke("rename", { userId: 1, name: "Ada" });
    assert.is((await get("user/?userId=1")).profile.name, "Ada");
    assert.equal(errors, []);
    assert.is(cache.metrics().redisHits, 1);
  } finally {
    await cache.close();
    await client.close();
  }
});

test("a reply that came while the application blocked the event loop is not a timeout; a Redis that does not answer is", async () => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  await client.connect();
  const block = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  try {
    for (let i = 0; i < 5; i++) {
      const reply = command(client as unknown as RedisClientLike, ["PING"], 50);
      // A bcrypt hash, a large JSON.parse: the loop is busy past the timeout while Redis answers.
      await new Promise((resolve) => setImmediate(resolve));
      block(150);
      assert.is(await reply, "PONG");
    }
    redis.pause();
    try {
      await command(client as unknown as RedisClientLike, ["PING"], 50).then(
        () => assert.unreachable("a paused Redis answered"),
        (error: unknown) => assert.instance(error, CommandTimeoutError),
      );
    } finally {
      redis.resume();
    }
  } finally {
    await client.quit();
  }
});

test.run();
