// Chaos: redis-server SIGKILLed (and restarted empty), then SIGSTOPped and
// resumed, in the middle of a load over real HTTP against TieredCache.
// Every request must succeed, every read must be what the model says, and
// after recovery the cache must serve again, fresh.
import { test } from "uvu";
import * as assert from "uvu/assert";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler, toNodeListener, type ErrorInfo } from "mizan/server";
import { TieredCache } from "mizan/cache";
import { canonicalJson } from "mizan/protocol";
import { appRoutes, authenticate, newDb, render, SECRET } from "./app.js";
import { rng } from "./model.js";
import { startRedis, type RedisServer } from "../support/redis.js";
import { httpRequest } from "../support/http-request.js";

const USERS = 12;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return httpRequest(agent, port, method, path, headers, body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  agent.destroy();
  await redis.close();
});

test("SIGKILL and SIGSTOP of Redis under load: 0 failed requests, 0 stale reads, fresh hits after recovery", async () => {
  const db = newDb(USERS);
  const errors: ErrorInfo[] = [];
  const cache = new TieredCache({ secret: SECRET, url: redis.url, prefix: "chaos:", retryInterval: 50, breaker: { cooldown: 200 } });
  await cache.ready();
  const handler = createHandler({ routes: appRoutes(db), authenticate, cache, onError: (_error, info) => errors.push(info) });
  const server = http.createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const tally = { requests: 0, failed: 0, stale: 0, reads: 0, mutations: 0 };
  const failures: string[] = [];
  let running = true;
  // Worker w alone mutates user w+1, so what its read must return is known exactly.
  const worker = async (w: number): Promise<void> => {
    const random = rng(100 + w);
    const userId = w + 1;
    let step = 0;
    while (running) {
      const who = `u${1 + Math.floor(random() * 3)}`;
      try {
        if (random() < 0.2) {
          const args = random() < 0.6 ? ["rename", { userId, name: `w${w}-${step++}` }] : ["addOrder", { userId, status: random() < 0.5 ? "open" : "shipped" }];
          const response = await request(port, "POST", `/api/mizan/call/${args[0]}/`, { "content-type": "application/json" }, JSON.stringify(args[1]));
          tally.mutations++;
          if (response.status !== 200) {
            tally.failed++;
            failures.push(`${response.status} ${response.body}`);
          }
        } else {
          const status = random() < 0.5 ? undefined : "open";
          const expected = canonicalJson({ orders: render.orders(db, who, userId, status), profile: render.profile(db, who, userId) });
          const response = await request(port, "GET", `/api/mizan/ctx/user/?userId=${userId}${status ? `&status=${status}` : ""}`, { authorization: who });
          tally.reads++;
          if (response.status !== 200) {
            tally.failed++;
            failures.push(`${response.status} ${response.body}`);
          } else if (response.body !== expected) tally.stale++;
        }
      } catch (error) {
        tally.failed++;
        failures.push(String(error));
      }
      tally.requests++;
    }
  };
  const workers = Array.from({ length: USERS }, (_, w) => worker(w));

  await sleep(500);
  const hitsBeforeKill = cache.metrics().hits;
  await redis.kill();
  await sleep(700);
  await redis.restart();
  await sleep(1200);
  redis.pause();
  await sleep(800);
  redis.resume();
  // Recovery: the kept purges land, the breaker closes, the subscription is back.
  for (let i = 0; i < 100 && (cache.metrics().purgesPending > 0 || cache.metrics().breakerOpen === 1 || cache.metrics().memoryCoherent === 0); i++) {
    await sleep(50);
  }
  const recovered = cache.metrics();
  const hitsAtRecovery = recovered.hits;
  await sleep(1000);
  running = false;
  await Promise.all(workers);

  // After recovery, every user as every principal, twice: fresh, and the second from the cache.
  let finalStale = 0;
  const before = cache.metrics().hits;
  for (let round = 0; round < 2; round++) {
    for (let userId = 1; userId <= USERS; userId++) {
      for (const who of ["u1", "u2", "u3"]) {
        const expected = canonicalJson({ orders: render.orders(db, who, userId, undefined), profile: render.profile(db, who, userId) });
        const response = await request(port, "GET", `/api/mizan/ctx/user/?userId=${userId}`, { authorization: who });
        if (response.status !== 200 || response.body !== expected) finalStale++;
      }
    }
  }
  const metrics = cache.metrics();
  console.log(JSON.stringify({ ...tally, finalStale, hitsBeforeKill, hitsAtRecovery, reported: errors.length, ...metrics }));
  server.closeAllConnections();
  server.close();
  await cache.close();

  assert.ok(tally.requests > 100, `load ran (${tally.requests} requests)`);
  assert.is(tally.failed, 0, failures.slice(0, 3).join("; "));
  assert.is(tally.stale, 0);
  assert.is(finalStale, 0);
  assert.ok(hitsBeforeKill > 0, "the cache served before the chaos");
  assert.ok(metrics.hits - before >= USERS * 3, "the cache serves again after recovery");
  assert.is(metrics.purgesPending, 0);
  assert.ok((metrics.reconnects ?? 0) >= 1, "the memory tier was dropped on reconnect");
  assert.ok(metrics.errors > 0 && errors.length < metrics.errors, "failures were reported, rate-limited");
  assert.ok(errors.every((info) => info.phase === "cache"));
});

test.run();
