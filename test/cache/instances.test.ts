// Three Node processes, one Redis, each with a TieredCache (memory tier in
// front). Every round warms the memory tier of all three, mutates on one,
// and reads at once on the others: the read must see the new data, every
// round, over 1000 rounds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { startRedis, type RedisServer } from "../support/redis.js";
import { httpRequest } from "../support/http-request.js";

const ROUNDS = 1000;
const USERS = 5;
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function request(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return httpRequest(agent, port, method, path, headers, body);
}

let redis: RedisServer;
const children: ChildProcess[] = [];
const ports: number[] = [];

test.before(async () => {
  redis = await startRedis();
  const script = fileURLToPath(new URL("./instance.js", import.meta.url));
  // Three on TieredCache, and a fourth on RedisCache (a worker beside the web instances).
  for (const kind of ["tiered", "tiered", "tiered", "redis"]) {
    const child = spawn(process.execPath, [script, redis.url, kind], { stdio: ["pipe", "pipe", "inherit"] });
    children.push(child);
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    ports.push((JSON.parse(line.toString()) as { port: number }).port);
  }
});
test.after(async () => {
  agent.destroy();
  await Promise.all(
    children.map(async (child) => {
      const exited = once(child, "exit");
      child.stdin!.end();
      await exited;
    }),
  );
  await redis.close();
});

test(`${ROUNDS} rounds of mutate on one instance, read at once on the others: always fresh`, async () => {
  let stale = 0;
  let failed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const userId = 1 + (round % USERS);
    const path = `/api/mizan/ctx/user/?userId=${userId}`;
    const who = { authorization: `u${round % 2}` };
    // Warm: both readers hold the current data in their memory tier (the second read is a memory hit).
    for (const offset of [1, 2]) {
      for (let i = 0; i < 2; i++) await request(ports[(round + offset) % 3]!, "GET", path, who);
    }
    const writer = ports[round % 3]!;
    const name = `r${round}`;
    const call = await request(writer, "POST", "/api/mizan/call/rename/", { "content-type": "application/json" }, JSON.stringify({ userId, name }));
    if (call.status !== 200) failed++;
    for (const offset of [1, 2]) {
      const reader = ports[(round + offset) % 3]!;
      const response = await request(reader, "GET", path, who);
      if (response.status !== 200) failed++;
      else if ((JSON.parse(response.body) as { profile: { name: string } }).profile.name !== name) stale++;
    }
  }
  const metrics = await Promise.all(ports.slice(0, 3).map(async (port) => JSON.parse((await request(port, "GET", "/metrics")).body) as Record<string, number>));
  console.log(JSON.stringify({ stale, failed, metrics: metrics.map(({ memoryHits, redisHits, misses, purges, ackTimeouts, errors }) => ({ memoryHits, redisHits, misses, purges, ackTimeouts, errors })) }));
  assert.is(failed, 0);
  assert.is(stale, 0);
  for (const m of metrics) {
    assert.ok(m.memoryHits! > ROUNDS / 4, "the memory tiers held the data the mutation made stale");
    assert.is(m.errors, 0);
  }
});

test("a mutation through a RedisCache instance reaches the TieredCache instances' memory tiers before its response", async () => {
  const writer = ports[3]!;
  let stale = 0;
  for (let round = 0; round < 300; round++) {
    const userId = 1 + (round % USERS);
    const path = `/api/mizan/ctx/user/?userId=${userId}`;
    const who = { authorization: "u0" };
    for (const reader of ports.slice(0, 3)) for (let i = 0; i < 2; i++) await request(reader, "GET", path, who);
    const name = `w${round}`;
    const call = await request(writer, "POST", "/api/mizan/call/rename/", { "content-type": "application/json" }, JSON.stringify({ userId, name }));
    assert.is(call.status, 200);
    for (const reader of ports.slice(0, 3)) {
      const response = await request(reader, "GET", path, who);
      if ((JSON.parse(response.body) as { profile: { name: string } }).profile.name !== name) stale++;
    }
  }
  assert.is(stale, 0);
  const metrics = JSON.parse((await request(writer, "GET", "/metrics")).body) as Record<string, number>;
  assert.is(metrics.ackTimeouts, 0, "the RedisCache instance heard every memory tier's acknowledgement");
});

test.run();
