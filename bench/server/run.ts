// Server benchmark: a context GET and a call POST of the shop's routes,
// served by Mizan and, in the same run, by a bare node:http server replaying
// Mizan's exact response bytes (the ceiling), and by peers doing the same
// work their own way. Each server runs on a core of its own, driven by wrk
// from the other (bench/load.ts). Prints req/s and the ratio to bare.
//   node dist/bench/server/run.js   (BENCH_DURATION seconds per run, default 3;
//   BENCH_ROUNDS, default 5; BENCH_CONNECTIONS, default 50; MIZAN_BEFORE, the
//   dist/runtime/server/index.js of an earlier build, adds it as "mizan-before";
//   BENCH_RATE, requests per second: every server is offered that load instead
//   of as much as it can take, and the CPU column is the one to read)
// At full load the wall ratio also measures the client: a server that answers
// later finds wrk asleep on its core, and every write then pays for waking it
// (calibrate.ts). At a fixed rate below every server's capacity each server
// pays for those wake-ups alike, so the CPU ratio is that of the work per
// request.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cpuMicros, load, startServer, type LoadOptions } from "../load.js";
import { CALL_BODY, CALL_PATH, CONTEXT_PATH, TRPC_CALL_PATH, TRPC_CONTEXT_PATH } from "./requests.js";
import { median } from "../stats.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE);
const ALL_KINDS = ["bare", "mizan", "mizan-before", "mizan-fetch", "hono", "trpc"] as const;
type Kind = (typeof ALL_KINDS)[number];
const KINDS = ALL_KINDS.filter((kind) => kind !== "mizan-before" || process.env.MIZAN_BEFORE !== undefined);

const DESCRIPTION: Record<Kind, string> = {
  bare: "node:http replaying Mizan's response bytes (ceiling)",
  mizan: "createHandler + toNodeListener",
  "mizan-before": "the same, from the earlier build named by MIZAN_BEFORE",
  "mizan-fetch": "createHandler behind a plain Fetch function (generic Request/Response path)",
  hono: "Hono 4 + @hono/node-server, zod-validated, c.json",
  trpc: "tRPC 11 standalone adapter, zod input",
};

async function start(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  return startServer(fileURLToPath(new URL("./serve.js", import.meta.url)), [kind]);
}

interface Scenario {
  name: string;
  request(kind: Kind, port: number): Omit<LoadOptions, "connections" | "duration">;
}

const scenarios: Scenario[] = [
  {
    name: "ctx GET (catalog, psr)",
    request: (kind, port) => ({ port, path: kind === "trpc" ? TRPC_CONTEXT_PATH : CONTEXT_PATH }),
  },
  {
    name: "call POST (updateName)",
    request: (kind, port) => ({
      port,
      path: kind === "trpc" ? TRPC_CALL_PATH : CALL_PATH,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: CALL_BODY,
    }),
  },
];


// Every server runs in its own process for the whole run. Each round
// measures every server in a pair with a bare run right beside it (bare
// first in even rounds, second in odd ones): this machine's throughput drifts
// by half within a minute, so a ratio is only taken between runs seconds
// apart. The median of the rounds is reported.
const servers = new Map<Kind, { child: ChildProcess; port: number }>();
for (const kind of KINDS) servers.set(kind, await start(kind));

const samples = new Map<string, { rps: number[]; ratio: number[]; cpu: number[]; cpuRatio: number[]; p99: number[]; failed: number }>();
for (const scenario of scenarios) {
  for (const kind of KINDS) await load({ ...scenario.request(kind, servers.get(kind)!.port), connections: CONNECTIONS, duration: 2, rate: RATE });
}
/** One measured run of a server; its req/s, CPU and p99 go into its samples. */
async function measure(scenario: (typeof scenarios)[number], kind: Kind, round: number): Promise<{ rps: number; cpu: number }> {
  const server = servers.get(kind)!;
  const cpuBefore = cpuMicros(server.child.pid);
  const result = await load({ ...scenario.request(kind, server.port), connections: CONNECTIONS, duration: DURATION, rate: RATE });
  // Server CPU microseconds per answered request: what the server spent, whatever else ran on the machine.
  const cpu = (cpuMicros(server.child.pid) - cpuBefore) / Math.max(1, result.requests);
  const key = `${scenario.name}\u0000${kind}`;
  const sample = samples.get(key) ?? { rps: [], ratio: [], cpu: [], cpuRatio: [], p99: [], failed: 0 };
  sample.rps.push(result.rps);
  sample.cpu.push(cpu);
  sample.p99.push(result.p99Ms);
  sample.failed += result.failed;
  samples.set(key, sample);
  console.log(`round ${round + 1}: ${scenario.name} ${kind} ${Math.round(result.rps)} req/s, ${cpu.toFixed(1)} µs CPU/req`);
  return { rps: result.rps, cpu };
}

for (let round = 0; round < ROUNDS; round++) {
  for (const scenario of scenarios) {
    for (const kind of KINDS.filter((kind) => kind !== "bare")) {
      const [first, second] = round % 2 === 0 ? (["bare", kind] as const) : ([kind, "bare"] as const);
      const a = await measure(scenario, first, round);
      const b = await measure(scenario, second, round);
      const [bare, other] = first === "bare" ? [a, b] : [b, a];
      const sample = samples.get(`${scenario.name}\u0000${kind}`)!;
      sample.ratio.push(other.rps / bare.rps);
      sample.cpuRatio.push(bare.cpu / other.cpu);
      const bareSample = samples.get(`${scenario.name}\u0000bare`)!;
      bareSample.ratio.push(1);
      bareSample.cpuRatio.push(1);
    }
  }
}
for (const { child } of servers.values()) child.kill();

const offered = RATE === undefined ? "" : `, offered ${RATE} req/s (compare CPU: every server answers that load)`;
console.log(`\nwrk, ${CONNECTIONS} connections${offered}, ${ROUNDS} rounds of ${DURATION} s runs in pairs with bare, after a 2 s warm-up, node ${process.version}`);
console.log("req/s, p99 and CPU µs/req (server process CPU per answered request) are medians over the rounds;");
console.log("vs bare is the median of the ratios to the bare run beside it (min–max in brackets): req/s ÷ bare's (wall), bare's CPU/req ÷ this one's (CPU)\n");
console.log("| scenario | server | req/s | p99 ms | CPU µs/req | vs bare (wall) | vs bare (CPU) |\n| --- | --- | ---: | ---: | ---: | --- | --- |");
for (const scenario of scenarios) {
  for (const kind of KINDS) {
    const sample = samples.get(`${scenario.name}\u0000${kind}`)!;
    const failed = sample.failed > 0 ? ` (${sample.failed} failed)` : "";
    const spread = (values: number[]) => `${median(values).toFixed(2)}× (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    console.log(
      `| ${scenario.name} | ${kind} | ${Math.round(median(sample.rps))}${failed} | ${median(sample.p99).toFixed(2)} | ${median(sample.cpu).toFixed(1)} | ${spread(sample.ratio)} | ${spread(sample.cpuRatio)} |`,
    );
  }
}
console.log("");
for (const kind of KINDS) console.log(`- ${kind}: ${DESCRIPTION[kind]}`);
