// Origin cache benchmark. Servers in their own processes (serve.ts), each on
// a core of its own and driven by wrk from the other (bench/load.ts), where
// redis-server runs too, as on another machine; each run paired with a
// baseline run beside it; medians over the rounds.
//   hit:  the same user-context GET again and again: bare node:http replaying
//         the bytes (the ceiling), MemoryCache, RedisCache, the peer (a
//         hand-written Map cache keyed by plain strings) and lru-cache
//         (bounded like MemoryCache, plain keys: what any bounded cache costs).
//   miss: every request a new instance (userId), so every request computes:
//         no cache vs MemoryCache vs RedisCache vs lru-cache (lookup +
//         compute + fill);
//         with BENCH_CONNECTIONS, and again with one connection (the latency
//         of a miss itself, no queue in front of it).
// CPU is the server's user+system time per request (for Redis, plus
// redis-server's), from /proc. Then the purge latency with 10k entries.
//   node dist/bench/cache/run.js  (BENCH_DURATION s per run, default 3;
//   BENCH_ROUNDS, default 3; BENCH_CONNECTIONS, default 50)
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startRedis } from "../../test/support/redis.js";
import { cpuMicros, load, pinToClientCore, startServer, type LoadOptions } from "../load.js";
import { purgeBenches } from "./purge.js";
import { HIT_PATH, PUBLIC_PATH } from "./shared.js";
import { median } from "../stats.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KINDS = ["bare", "nocache", "memory", "redis", "peer", "lru"] as const;
type Kind = (typeof KINDS)[number];

const redis = await startRedis();

pinToClientCore(redis.pid);

async function start(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  return startServer(fileURLToPath(new URL("./serve.js", import.meta.url)), [kind, redis.url]);
}

interface Scenario {
  name: string;
  kinds: readonly Kind[];
  baseline: Kind;
  /** Compare latency (miss) or throughput (hit) with the baseline. */
  by: "rps" | "latency";
  /** Connections for this scenario; default BENCH_CONNECTIONS. */
  connections?: number;
  options(kind: Kind, port: number): Omit<LoadOptions, "connections" | "duration">;
}

const scenarios: Scenario[] = [
  {
    name: "hit (user, keyed by principal)",
    kinds: ["bare", "memory", "redis", "peer", "lru"],
    baseline: "bare",
    by: "rps",
    options: (_kind, port) => ({ port, path: HIT_PATH, headers: { authorization: "u1" } }),
  },
  {
    name: "hit (catalog, public)",
    kinds: ["bare", "memory", "redis", "peer", "lru"],
    baseline: "bare",
    by: "rps",
    options: (_kind, port) => ({ port, path: PUBLIC_PATH }),
  },
  {
    name: "miss",
    kinds: ["nocache", "memory", "redis", "lru"],
    baseline: "nocache",
    by: "latency",
    options: missOptions,
  },
  {
    // One request at a time: the latency of a miss itself, with no queue in
    // front of it (with 50 connections the mean latency is the queue, so it
    // follows CPU per request).
    name: "miss, one connection",
    kinds: ["nocache", "memory", "redis", "lru"],
    baseline: "nocache",
    by: "latency",
    connections: 1,
    options: missOptions,
  },
];

/** Every request a new userId: a new instance, so every request computes. */
function missOptions(_kind: Kind, port: number): Omit<LoadOptions, "connections" | "duration"> {
  return { port, path: "/api/mizan/ctx/user/?userId=", unique: true, headers: { authorization: "u1" } };
}

const servers = new Map<Kind, { child: ChildProcess; port: number }>();
for (const kind of KINDS) servers.set(kind, await start(kind));

interface Sample {
  rps: number[];
  latency: number[];
  p99: number[];
  cpu: number[];
  wallRatio: number[];
  cpuRatio: number[];
  failed: number;
}
const samples = new Map<string, Sample>();

async function measure(scenario: Scenario, kind: Kind, duration: number) {
  const server = servers.get(kind)!;
  const pids: (number | undefined)[] = kind === "redis" ? [server.child.pid, redis.pid] : [server.child.pid];
  const total = (): number => pids.map(cpuMicros).reduce((a, b) => a + b, 0);
  const before = total();
  const result = await load({ ...scenario.options(kind, server.port), connections: scenario.connections ?? CONNECTIONS, duration });
  return { result, cpuPerRequest: (total() - before) / Math.max(1, result.requests) };
}

for (const scenario of scenarios) for (const kind of scenario.kinds) await measure(scenario, kind, 2);
type Sampled = { rps: number; latency: number; cpu: number };

/** One measured run of a kind; its figures go into that kind's samples. */
async function sampled(scenario: Scenario, kind: Kind, round: number): Promise<Sampled> {
  const { result, cpuPerRequest } = await measure(scenario, kind, DURATION);
  const key = `${scenario.name}\u0000${kind}`;
  const sample = samples.get(key) ?? { rps: [], latency: [], p99: [], cpu: [], wallRatio: [], cpuRatio: [], failed: 0 };
  // Mean latency by Little's law (connections ÷ req/s: every connection always
  // has one request out), so that it agrees with the throughput it goes with.
  const latency = ((scenario.connections ?? CONNECTIONS) * 1000) / result.rps;
  sample.rps.push(result.rps);
  sample.latency.push(latency);
  sample.p99.push(result.p99Ms);
  sample.cpu.push(cpuPerRequest);
  sample.failed += result.failed;
  samples.set(key, sample);
  console.log(`round ${round + 1}: ${scenario.name} ${kind} ${Math.round(result.rps)} req/s, ${latency.toFixed(3)} ms, ${cpuPerRequest.toFixed(0)} µs CPU/req`);
  return { rps: result.rps, latency, cpu: cpuPerRequest };
}

// Each kind is measured in a pair with a baseline run beside it (the
// baseline first in even rounds, second in odd ones): this machine's
// throughput drifts by half within a minute, so a ratio is only taken
// between runs seconds apart.
for (let round = 0; round < ROUNDS; round++) {
  for (const scenario of scenarios) {
    for (const kind of scenario.kinds.filter((kind) => kind !== scenario.baseline)) {
      const [first, second] = round % 2 === 0 ? [scenario.baseline, kind] : [kind, scenario.baseline];
      const a = await sampled(scenario, first, round);
      const b = await sampled(scenario, second, round);
      const [base, other] = first === scenario.baseline ? [a, b] : [b, a];
      const sample = samples.get(`${scenario.name}\u0000${kind}`)!;
      sample.wallRatio.push(scenario.by === "rps" ? other.rps / base.rps : other.latency / base.latency);
      sample.cpuRatio.push(other.cpu / base.cpu);
      const baseline = samples.get(`${scenario.name}\u0000${scenario.baseline}`)!;
      baseline.wallRatio.push(1);
      baseline.cpuRatio.push(1);
    }
  }
}
for (const { child } of servers.values()) child.kill();

console.log(`\nwrk, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s runs in pairs with the baseline, after a 2 s warm-up, node ${process.version}`);
console.log("medians; ratios are medians of the ratios to the baseline run beside each run (hit: req/s vs bare; miss: mean latency vs no cache)\n");
console.log("| scenario | server | req/s | mean ms | p99 ms | CPU µs/req | wall ratio | CPU ratio |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const scenario of scenarios) {
  for (const kind of scenario.kinds) {
    const s = samples.get(`${scenario.name}\u0000${kind}`)!;
    const failed = s.failed > 0 ? ` (${s.failed} failed)` : "";
    console.log(
      `| ${scenario.name} | ${kind} | ${Math.round(median(s.rps))}${failed} | ${median(s.latency).toFixed(3)} | ${median(s.p99).toFixed(2)} | ${median(s.cpu).toFixed(0)} | ${median(s.wallRatio).toFixed(2)}× | ${median(s.cpuRatio).toFixed(2)}× |`,
    );
  }
}

console.log("\npurge of one scoped target ({user, userId: n}, 5 entries) with the index holding 10k entries, 1000 purges\n");
console.log("| cache | entries | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |");
for (const r of await purgeBenches(redis.url)) {
  console.log(`| ${r.kind} | ${r.entries} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.max.toFixed(3)} |`);
}
await redis.close();
