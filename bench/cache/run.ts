// Origin cache benchmark. Servers in their own processes (serve.ts), driven
// by autocannon, each run paired with a baseline run beside it; medians over
// the rounds.
//   hit:  the same user-context GET again and again: bare node:http replaying
//         the bytes (the ceiling), MemoryCache, RedisCache, and the peer (a
//         hand-written Map cache keyed by plain strings).
//   miss: every request a new instance (userId), so every request computes:
//         no cache vs MemoryCache vs RedisCache (lookup + compute + fill);
//         with BENCH_CONNECTIONS, and again with one connection (the latency
//         of a miss itself, no queue in front of it).
// CPU is the server's user+system time per request (for Redis, plus
// redis-server's), from /proc. Then the purge latency with 10k entries.
//   node dist/bench/cache/run.js  (BENCH_DURATION s per run, default 3;
//   BENCH_ROUNDS, default 3; BENCH_CONNECTIONS, default 50)
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startRedis } from "../../test/support/redis.js";
import { purgeBenches } from "./purge.js";
import { HIT_PATH, PUBLIC_PATH } from "./shared.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KINDS = ["bare", "nocache", "memory", "redis", "peer"] as const;
type Kind = (typeof KINDS)[number];

const redis = await startRedis();

async function start(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./serve.js", import.meta.url));
  const child = spawn(process.execPath, [script, kind, redis.url], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return { child, port: (JSON.parse(line.toString()) as { port: number }).port };
}

/** user+system CPU ms of a process so far. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Scenario {
  name: string;
  kinds: readonly Kind[];
  baseline: Kind;
  /** Compare latency (miss) or throughput (hit) with the baseline. */
  by: "rps" | "latency";
  /** Connections for this scenario; default BENCH_CONNECTIONS. */
  connections?: number;
  options(kind: Kind, port: number): Parameters<typeof autocannon>[0];
}

let unique = 1_000_000;
const scenarios: Scenario[] = [
  {
    name: "hit (user, keyed by principal)",
    kinds: ["bare", "memory", "redis", "peer"],
    baseline: "bare",
    by: "rps",
    options: (_kind, port) => ({ url: `http://127.0.0.1:${port}${HIT_PATH}`, headers: { authorization: "u1" } }),
  },
  {
    name: "hit (catalog, public)",
    kinds: ["bare", "memory", "redis", "peer"],
    baseline: "bare",
    by: "rps",
    options: (_kind, port) => ({ url: `http://127.0.0.1:${port}${PUBLIC_PATH}` }),
  },
  {
    name: "miss",
    kinds: ["nocache", "memory", "redis"],
    baseline: "nocache",
    by: "latency",
    options: missOptions,
  },
  {
    // One request at a time: the latency of a miss itself, with no queue in
    // front of it (with 50 connections the mean latency is the queue, so it
    // follows CPU per request).
    name: "miss, one connection",
    kinds: ["nocache", "memory", "redis"],
    baseline: "nocache",
    by: "latency",
    connections: 1,
    options: missOptions,
  },
];

/** Every request a new userId: a new instance, so every request computes. */
function missOptions(_kind: Kind, port: number): Parameters<typeof autocannon>[0] {
  return {
    url: `http://127.0.0.1:${port}/`,
    headers: { authorization: "u1" },
    requests: [{ setupRequest: (request: { path: string }) => ({ ...request, path: `/api/mizan/ctx/user/?userId=${unique++}` }) }],
  } as Parameters<typeof autocannon>[0];
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
  const total = (): number => pids.map(cpuMs).reduce((a, b) => a + b, 0);
  const before = total();
  const result = await autocannon({ ...scenario.options(kind, server.port), connections: scenario.connections ?? CONNECTIONS, duration });
  const cpu = total() - before;
  return { result, cpuPerRequest: (cpu * 1000) / Math.max(1, result.requests.total) };
}

for (const scenario of scenarios) for (const kind of scenario.kinds) await measure(scenario, kind, 2);
type Sampled = { rps: number; latency: number; cpu: number };

/** One measured run of a kind; its figures go into that kind's samples. */
async function sampled(scenario: Scenario, kind: Kind, round: number): Promise<Sampled> {
  const { result, cpuPerRequest } = await measure(scenario, kind, DURATION);
  const key = `${scenario.name}\u0000${kind}`;
  const sample = samples.get(key) ?? { rps: [], latency: [], p99: [], cpu: [], wallRatio: [], cpuRatio: [], failed: 0 };
  // Mean latency from Little's law (connections ÷ req/s, as every connection always has one request out):
  // autocannon rounds its own to 0.01 ms, too coarse for one connection.
  const latency = ((scenario.connections ?? CONNECTIONS) * 1000) / result.requests.average;
  sample.rps.push(result.requests.average);
  sample.latency.push(latency);
  sample.p99.push(result.latency.p99);
  sample.cpu.push(cpuPerRequest);
  sample.failed += result.errors + result.non2xx + result.timeouts;
  samples.set(key, sample);
  console.log(`round ${round + 1}: ${scenario.name} ${kind} ${Math.round(result.requests.average)} req/s, ${latency.toFixed(3)} ms, ${cpuPerRequest.toFixed(0)} µs CPU/req`);
  return { rps: result.requests.average, latency, cpu: cpuPerRequest };
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\n${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s runs in pairs with the baseline, after a 2 s warm-up, node ${process.version}`);
console.log("medians; ratios are medians of the ratios to the baseline run beside each run (hit: req/s vs bare; miss: mean latency vs no cache)\n");
console.log("| scenario | server | req/s | mean ms | p99 ms | CPU µs/req | wall ratio | CPU ratio |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const scenario of scenarios) {
  for (const kind of scenario.kinds) {
    const s = samples.get(`${scenario.name}\u0000${kind}`)!;
    const failed = s.failed > 0 ? ` (${s.failed} failed)` : "";
    console.log(
      `| ${scenario.name} | ${kind} | ${Math.round(median(s.rps))}${failed} | ${median(s.latency).toFixed(3)} | ${median(s.p99)} | ${median(s.cpu).toFixed(0)} | ${median(s.wallRatio).toFixed(2)}× | ${median(s.cpuRatio).toFixed(2)}× |`,
    );
  }
}

console.log("\npurge of one scoped target ({user, userId: n}, 5 entries) with the index holding 10k entries, 1000 purges\n");
console.log("| cache | entries | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |");
for (const r of await purgeBenches(redis.url)) {
  console.log(`| ${r.kind} | ${r.entries} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.max.toFixed(3)} |`);
}
await redis.close();
