// Edge benchmark, every server in its own process, side by side in one run:
//   1. a cached read: createEdgeHandler's hit against a bare node:http server
//      replaying the same bytes (target ≥ 0.9×), a real Varnish hit, and the
//      origin answering every read itself; req/s (wall) and CPU per request;
//   2. purge latency: a mutation through Varnish (the origin purges Varnish
//      before answering), then the next read through Varnish, which must be
//      fresh; beside the same two requests sent to the origin directly.
//   node dist/bench/edge/run.js   (BENCH_DURATION s per run, default 3;
//   BENCH_ROUNDS, default 5; BENCH_CONNECTIONS, default 50; BENCH_PURGES, default 300)
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort, startVarnish } from "../../test/edge/varnishd.js";
import { treeCpuMs } from "./cpu.js";
import { MUTATION_PATH, READ_PATH } from "./requests.js";
import { median, percentile } from "../stats.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PURGES = Number(process.env.BENCH_PURGES ?? 300);

async function start(kind: string, ...ports: number[]): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./serve.js", import.meta.url));
  const child = spawn(process.execPath, [script, kind, ...ports.map(String)], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return { child, port: (JSON.parse(line.toString()) as { port: number }).port };
}

const varnishPort = await freePort();
const origin = await start("origin", 0, varnishPort);
const edge = await start("edge", origin.port);
const bare = await start("bare");
const varnish = await startVarnish({ port: varnishPort, backendPort: origin.port });
const varnishPid = varnish.pid;

interface Kind {
  name: string;
  port: number;
  /** Processes whose CPU the answer costs. */
  pids: () => number[];
}
const kinds: Kind[] = [
  { name: "bare", port: bare.port, pids: () => [bare.child.pid!] },
  { name: "edge", port: edge.port, pids: () => [edge.child.pid!] },
  { name: "varnish", port: varnish.port, pids: () => (varnishPid ? [varnishPid] : []) },
  { name: "origin", port: origin.port, pids: () => [origin.child.pid!] },
];

const samples = new Map<string, { rps: number[]; ratio: number[]; p99: number[]; cpuUs: number[]; failed: number }>();
for (const kind of kinds) await autocannon({ url: `http://127.0.0.1:${kind.port}${READ_PATH}`, connections: CONNECTIONS, duration: 2 });
for (let round = 0; round < ROUNDS; round++) {
  let bareRps = 0;
  for (const kind of kinds) {
    const cpuBefore = kind.pids().reduce((sum, pid) => sum + treeCpuMs(pid), 0);
    const result = await autocannon({ url: `http://127.0.0.1:${kind.port}${READ_PATH}`, connections: CONNECTIONS, duration: DURATION });
    const cpuMs = kind.pids().reduce((sum, pid) => sum + treeCpuMs(pid), 0) - cpuBefore;
    if (kind.name === "bare") bareRps = result.requests.average;
    const sample = samples.get(kind.name) ?? { rps: [], ratio: [], p99: [], cpuUs: [], failed: 0 };
    sample.rps.push(result.requests.average);
    sample.ratio.push(result.requests.average / bareRps);
    sample.p99.push(result.latency.p99);
    sample.cpuUs.push((cpuMs * 1000) / Math.max(1, result.requests.total));
    sample.failed += result.errors + result.non2xx + result.timeouts;
    samples.set(kind.name, sample);
    console.log(`round ${round + 1}: ${kind.name} ${Math.round(result.requests.average)} req/s`);
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(port: number, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path, agent, headers: body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Mutation then read, PURGES times: ms for the mutation, the read, and both; stale reads counted. */
async function purgeLoop(port: number, label: string, pids: number[]) {
  const mutation: number[] = [];
  const total: number[] = [];
  let stale = 0;
  const cpuBefore = pids.reduce((s, pid) => s + treeCpuMs(pid), 0);
  for (let i = 0; i < PURGES; i++) {
    const title = `${label} ${i}`;
    const t0 = performance.now();
    const m = await request(port, "POST", MUTATION_PATH, JSON.stringify({ slug: "bench-purge", title }));
    const t1 = performance.now();
    const r = await request(port, "GET", "/api/mizan/ctx/article/?slug=bench-purge");
    const t2 = performance.now();
    if (m.status !== 200 || JSON.parse(r.body).article.title !== title) stale += 1;
    mutation.push(t1 - t0);
    total.push(t2 - t0);
  }
  const cpuMs = pids.reduce((s, pid) => s + treeCpuMs(pid), 0) - cpuBefore;
  return { mutation, total, stale, cpuUsPerRound: (cpuMs * 1000) / PURGES };
}
const direct = await purgeLoop(origin.port, "direct", [origin.child.pid!]);
const through = await purgeLoop(varnish.port, "varnish", [origin.child.pid!, varnishPid]);

for (const kind of [edge, bare, origin]) kind.child.kill();
await varnish.stop();
agent.destroy();

console.log(`\n${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s after a 2 s warm-up, node ${process.version}`);
console.log("req/s, p99 and CPU are medians over the rounds; vs bare is the median of each round's ratio (min–max)\n");
console.log("| server | req/s | p99 ms | vs bare | CPU µs/request |\n| --- | ---: | ---: | --- | ---: |");
for (const kind of kinds) {
  const s = samples.get(kind.name)!;
  const failed = s.failed > 0 ? ` (${s.failed} failed)` : "";
  console.log(
    `| ${kind.name} | ${Math.round(median(s.rps))}${failed} | ${median(s.p99)} | ${median(s.ratio).toFixed(2)}× (${Math.min(...s.ratio).toFixed(2)}–${Math.max(...s.ratio).toFixed(2)}) | ${median(s.cpuUs).toFixed(1)} |`,
  );
}
console.log(`\npurge latency, ${PURGES} sequential rounds of (mutation, then read), ms:`);
console.log("| path | mutation p50 | mutation p95 | mutation → fresh read p50 | p95 | stale reads | CPU µs/round (the servers on the path) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [label, loop] of [["origin directly (no edge; CPU: origin)", direct], ["through Varnish (purge before the answer; CPU: origin + varnishd)", through]] as const) {
  console.log(
    `| ${label} | ${median(loop.mutation).toFixed(2)} | ${percentile(loop.mutation, 0.95).toFixed(2)} | ${median(loop.total).toFixed(2)} | ${percentile(loop.total, 0.95).toFixed(2)} | ${loop.stale} | ${loop.cpuUsPerRound.toFixed(0)} |`,
  );
}
