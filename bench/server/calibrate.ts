// How the HTTP benchmarks turn a server's own work into a ratio: one
// node:http server replaying fixed bytes, and the same server spinning for 2,
// 5 and 10 µs of extra CPU per request before it answers, measured as
// bench/server/run.ts measures (bench/load.ts: wrk, 50 connections, the
// server on a core of its own). With BENCH_PIN=0 the client shares the
// server's cores, and on a 2-core machine a few µs of work then cost about
// twice as much in server CPU (the writes wake a client that is now waiting).
//   node dist/bench/server/calibrate.js  (BENCH_ROUNDS, default 3; BENCH_DURATION s, default 2)
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpuMicros, load, startServer } from "../load.js";
import { median } from "../stats.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 2);
const SPINS = [0, 2, 5, 10];

if (process.argv[2] === "serve") {
  // Milliseconds; performance.now() allocates nothing (hrtime.bigint() would add garbage to the spin).
  const spin = Number(process.argv[3]) / 1000;
  const headers = { etag: '"x"', "cache-control": "public, s-maxage=60", "content-type": "application/json", "content-length": "151" };
  const body = Buffer.alloc(151, 97);
  const server = http.createServer((_req, res) => {
    const end = performance.now() + spin;
    while (spin > 0 && performance.now() < end);
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
} else {
  const servers = new Map<number, { child: ChildProcess; port: number }>();
  for (const spin of SPINS) servers.set(spin, await startServer(process.argv[1]!, ["serve", String(spin)]));
  const rps = new Map<number, number[]>();
  const cpu = new Map<number, number[]>();
  for (const { port } of servers.values()) await load({ port, path: "/", connections: 50, duration: 1 });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [spin, { child, port }] of servers) {
      const before = cpuMicros(child.pid);
      const result = await load({ port, path: "/", connections: 50, duration: DURATION });
      rps.set(spin, [...(rps.get(spin) ?? []), result.rps]);
      cpu.set(spin, [...(cpu.get(spin) ?? []), (cpuMicros(child.pid) - before) / result.requests]);
    }
  }
  for (const { child } of servers.values()) child.kill();
  const base = { rps: median(rps.get(0)!), cpu: median(cpu.get(0)!) };
  console.log(`wrk, 50 connections, ${ROUNDS} rounds of ${DURATION} s, node ${process.version}; medians\n`);
  console.log("| extra work per request | req/s | CPU µs/req | CPU added | vs no extra work (wall) |\n| ---: | ---: | ---: | ---: | ---: |");
  for (const spin of SPINS) {
    const r = median(rps.get(spin)!);
    const c = median(cpu.get(spin)!);
    console.log(`| ${spin} µs | ${Math.round(r)} | ${c.toFixed(1)} | ${(c - base.cpu).toFixed(1)} µs | ${(r / base.rps).toFixed(2)}× |`);
  }
}
