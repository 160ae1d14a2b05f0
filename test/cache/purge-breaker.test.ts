// Redis out of reach, and the memory tiers of other instances: a purge is
// not held back by an open circuit breaker (after Redis comes back, the first
// mutation's purge reaches every instance's memory tier at once, where
// waiting for the breaker's next probe would leave the other instances
// serving what it purged), and a memory tier stops serving while Redis is
// paused (its connection stays up, but no purge arrives). Real redis-server,
// two instances in this process over one data set.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { createClient } from "redis";
import { RedisCache, TieredCache } from "mizan/cache";
import type { Purger } from "mizan/edge";
import { startRedis, type RedisServer } from "../support/redis.js";
import { appRoutes, authenticate, newDb, SECRET } from "./app.js";

let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  await redis.close();
});

/** Handlers on two caches over one data set: reads of user `userId` on B, renames of that user on A. */
function twoInstances(a: RedisCache | TieredCache, b: TieredCache, userId: number) {
  const db = newDb();
  const serve = (cache: RedisCache | TieredCache) => createHandler({ routes: appRoutes(db), authenticate, cache, onError: () => {} });
  const [onA, onB] = [serve(a), serve(b)];
  return {
    readOnB: async () =>
      ((await (await onB(new Request(`http://app.test/api/mizan/ctx/user/?userId=${userId}`, { headers: { authorization: "u1" } }))).json()) as { profile: { name: string } })
        .profile.name,
    readOnA: () => onA(new Request(`http://app.test/api/mizan/ctx/user/?userId=${userId}`, { headers: { authorization: "u1" } })),
    renameOnA: (name: string) =>
      onA(new Request("http://app.test/api/mizan/call/rename/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, name }) })),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("after Redis comes back, a mutation on an instance whose breaker is still open purges the others' memory tiers before its response", async () => {
  // A breaker that would stay open for a minute: the purge must not wait for its probe.
  const settings = { secret: SECRET, url: redis.url, commandTimeout: 500, ackTimeout: 1000, breaker: { threshold: 1, cooldown: 60_000 } };
  const a = new TieredCache(settings);
  const b = new TieredCache(settings);
  await Promise.all([a.ready(), b.ready()]);
  const { readOnA, readOnB, renameOnA } = twoInstances(a, b, 1);
  try {
    await redis.kill();
    // A read on A fails its command: A's breaker opens.
    await readOnA();
    await until(() => a.metrics().breakerOpen === 1, "A's breaker to open");
    await redis.restart();
    await until(() => a.metrics().memoryCoherent === 1 && b.metrics().memoryCoherent === 1, "both subscriptions to come back");
    assert.is(a.metrics().breakerOpen, 1, "A's breaker is still open");
    // B holds user 1 in its memory tier (a fill lands after the response that made it).
    await readOnB();
    await until(() => b.metrics().fills > 0, "B's fill");
    const hits = b.metrics().memoryHits;
    assert.is(await readOnB(), "user1");
    assert.is(b.metrics().memoryHits, hits + 1);
    assert.is((await renameOnA("after")).status, 200);
    assert.is(await readOnB(), "after", "B's memory copy was purged before A answered");
    assert.is(a.metrics().purgesPending, 0);
    assert.is(a.metrics().breakerOpen, 0, "the purge's success closed A's breaker");
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("while Redis is paused, another instance's memory tier stops serving once two heartbeats are unheard, and serves again once Redis is back", async () => {
  // A purge given up on after 100 ms: the mutation answers with it kept, as it does when Redis stays away.
  const settings = { secret: SECRET, url: redis.url, commandTimeout: 100, purgeTimeout: 100, ackTimeout: 200, heartbeat: 400, prefix: "paused:" };
  // A on RedisCache, which sends no heartbeat: the only one on the channels is B's, which the test hears too.
  const a = new RedisCache(settings);
  const b = new TieredCache(settings);
  await Promise.all([a.ready(), b.ready()]);
  const listener = createClient({ url: redis.url });
  await listener.connect();
  let beat: () => void = () => {};
  await listener.pSubscribe("paused:ack:*", (message) => {
    if (message === "heartbeat") beat();
  });
  const { readOnB, renameOnA } = twoInstances(a, b, 2);
  try {
    await readOnB();
    await until(() => b.metrics().fills > 0, "B's fill");
    const hits = b.metrics().memoryHits;
    assert.is(await readOnB(), "user2");
    assert.is(b.metrics().memoryHits, hits + 1, "B serves user 2 from memory");
    // Paused just after B heard a heartbeat: the next two go unheard.
    await new Promise<void>((resolve) => (beat = resolve));
    redis.pause();
    const paused = performance.now();
    // The purge cannot reach Redis: A keeps it, and answers.
    assert.is((await renameOnA("paused")).status, 200);
    // Two heartbeats unheard: B's memory tier serves no more, before its next beat comes due to notice it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, paused + 2 * settings.heartbeat + 30 - performance.now())));
    assert.is(await readOnB(), "paused", "B computes instead of serving its memory copy");
    assert.is(b.metrics().memoryCoherent, 0);
    redis.resume();
    await until(() => b.metrics().memoryCoherent === 1 && a.metrics().purgesPending === 0, "B back in touch and A's purge landed");
    assert.is(await readOnB(), "paused");
  } finally {
    redis.resume();
    await listener.close();
    await Promise.all([a.close(), b.close()]);
  }
});

test("a purge waits for a Redis slow to reply (paused briefly) within purgeTimeout: another instance's memory copy is gone when the mutation answers", async () => {
  // Commands time out after 50 ms; the pause lasts 300 ms, well under the heartbeat's silence.
  const settings = { secret: SECRET, url: redis.url, commandTimeout: 50, prefix: "slow:" };
  const a = new TieredCache(settings);
  const b = new TieredCache(settings);
  await Promise.all([a.ready(), b.ready()]);
  const { readOnB, renameOnA } = twoInstances(a, b, 3);
  try {
    await readOnB();
    await until(() => b.metrics().fills > 0, "B's fill");
    const hits = b.metrics().memoryHits;
    assert.is(await readOnB(), "user3");
    assert.is(b.metrics().memoryHits, hits + 1, "B serves user 3 from memory");
    redis.pause();
    const renamed = renameOnA("slow");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const resumed = performance.now();
    redis.resume();
    assert.is((await renamed).status, 200);
    assert.ok(performance.now() >= resumed, "answered once the purge landed");
    assert.is(a.metrics().purgesPending, 0, "the purge landed; nothing kept");
    assert.is(await readOnB(), "slow", "B's memory copy was purged before A answered");
  } finally {
    redis.resume();
    await Promise.all([a.close(), b.close()]);
  }
});

test("a purge made while Redis restarts waits for the connection to come back within purgeTimeout, and lands before the mutation answers", async () => {
  const settings = { secret: SECRET, url: redis.url, commandTimeout: 50, purgeTimeout: 5000, prefix: "restart:" };
  const a = new TieredCache(settings);
  const b = new TieredCache(settings);
  await Promise.all([a.ready(), b.ready()]);
  const { renameOnA } = twoInstances(a, b, 4);
  try {
    await redis.kill();
    const started = performance.now();
    const renamed = renameOnA("restarted");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.restart();
    assert.is((await renamed).status, 200);
    assert.ok(performance.now() - started >= 300, "the mutation waited for Redis");
    assert.is(a.metrics().purgesPending, 0, "the purge landed; nothing kept");
    assert.is(a.metrics().purgeRetries, 0, "and was never left to the background retry");
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test("a purge kept while Redis is away is sent to the CDN again once it lands: the CDN may have fetched what other instances still served", async () => {
  const cache = new RedisCache({ secret: SECRET, url: redis.url, commandTimeout: 50, purgeTimeout: 100, retryInterval: 50, prefix: "cdn:" });
  await cache.ready();
  const purged: string[][] = [];
  const cdn: Purger = { name: "recording", purge: async (tags) => void purged.push([...tags]) };
  const reported: string[] = [];
  const handler = createHandler({ routes: appRoutes(newDb()), authenticate, cache, purge: cdn, onError: (error) => void reported.push(String(error)) });
  const rename = () =>
    handler(new Request("http://app.test/api/mizan/call/rename/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: 5, name: "x" }) }));
  try {
    await redis.kill();
    assert.is((await rename()).status, 200);
    assert.is(cache.metrics().purgesPending, 1, "kept");
    assert.ok(reported.some((text) => /did not land within purgeTimeout.*kept and retried/.test(text)), reported.join("\n"));
    assert.is(purged.length, 1, "the CDN purged with the mutation");
    await redis.restart();
    await until(() => cache.metrics().purgesPending === 0 && purged.length === 2, "the kept purge to land and the CDN to be purged again");
    assert.equal(purged[1], purged[0]);
    // A purge that lands at once is sent to the CDN once.
    assert.is((await rename()).status, 200);
    assert.is(purged.length, 3);
  } finally {
    await cache.close();
  }
});

test("purges kept through an outage under mutations with long arguments collapse into one broad purge per context, which lands once Redis is back", async () => {
  // Sent one by one they would make a script and a message of megabytes, each try given up at
  // purgeTimeout while Redis still worked on it: a backlog that never lands.
  const cache = new TieredCache({ secret: SECRET, url: redis.url, commandTimeout: 50, purgeTimeout: 20, retryInterval: 50, prefix: "backlog:" });
  await cache.ready();
  const db = newDb();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: () => {} });
  const add = (tag: string) =>
    handler(new Request("http://app.test/api/mizan/call/addProduct/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tag, sku: "s" }) }));
  const read = async (tag: string) =>
    ((await (await handler(new Request(`http://app.test/api/mizan/ctx/catalog/?tag=${tag}`))).json()) as { products: unknown[] }).products.length;
  try {
    assert.is(await read("kept"), 0);
    await redis.kill();
    for (let i = 0; i < 40; i++) assert.is((await add(`${i}`.padEnd(8000, "x"))).status, 200);
    assert.ok(cache.metrics().purgesPending < 40, `${cache.metrics().purgesPending} purges kept one by one`);
    assert.is((await add("kept")).status, 200);
    await redis.restart();
    await until(() => cache.metrics().purgesPending === 0, "the kept purges to land");
    assert.is(await read("kept"), 1, "nothing older than the kept purges is served");
  } finally {
    await cache.close();
  }
});

test("purgeTimeout and ackTimeout are checked", () => {
  assert.throws(() => new TieredCache({ secret: SECRET, url: redis.url, purgeTimeout: 0 }), /purgeTimeout/);
  assert.throws(() => new TieredCache({ secret: SECRET, url: redis.url, ackTimeout: 2 ** 31 }), /ackTimeout/);
});

test.run();
