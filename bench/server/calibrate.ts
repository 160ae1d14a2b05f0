// How this machine's HTTP benchmark turns a server's own work into a ratio:
// one node:http server replaying fixed bytes, and the same server spinning
// for 2, 5 and 10 µs of extra CPU per request before it answers, measured
// with autocannon as bench/server/run.ts does (50 connections, client on the
// same cores). On a 2-core machine a few µs of work cost about twice as much
// in server CPU (the writes wake a client that is now waiting), so a ratio
// against bare says more about the machine than about the server.
//   node dist/bench/server/calibrate.js  (BENCH_ROUNDS, default 3; BENCH_DURATION s, default 2)
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 2);
const SPINS = [0, 2, 5, 10];

if (process.argv[2] === "serve") {
  const spin = BigInt(Number(process.argv[3]) * 1000);
  const headers = { etag: '"x"', "cache-control": "public, s-maxage=60", "content-type": "application/json", "content-length": "151" };
  const body = Buffer.alloc(151, 97);
  const server = http.createServer((_req, res) => {
    const end = process.hrtime.bigint() + spin;
    while (spin > 0n && process.hrtime.bigint() < end);
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
} else {
  const cpuMs = (child: ChildProcess): number => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const servers = new Map<number, { child: ChildProcess; port: number }>();
  for (const spin of SPINS) {
    const child = spawn(process.execPath, [process.argv[1]!, "serve", String(spin)], { stdio: ["ignore", "pipe", "inherit"] });
    const [line] = (await once(child.stdout!, "data")) as [Buffer];
    servers.set(spin, { child, port: (JSON.parse(line.toString()) as { port: number }).port });
  }
  const rps = new Map<number, number[]>();
  const cpu = new Map<number, number[]>();
  for (const { port } of servers.values()) await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 50, duration: 1 });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [spin, { child, port }] of servers) {
      const before = cpuMs(child);
      const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 50, duration: DURATION });
      rps.set(spin, [...(rps.get(spin) ?? []), result.requests.average]);
      cpu.set(spin, [...(cpu.get(spin) ?? []), ((cpuMs(child) - before) * 1000) / result.requests.total]);
    }
  }
  for (const { child } of servers.values()) child.kill();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const base = { rps: median(rps.get(0)!), cpu: median(cpu.get(0)!) };
  console.log(`50 connections, ${ROUNDS} rounds of ${DURATION} s, node ${process.version}; medians\n`);
  console.log("| extra work per request | req/s | CPU µs/req | CPU added | vs no extra work (wall) |\n| ---: | ---: | ---: | ---: | ---: |");
  for (const spin of SPINS) {
    const r = median(rps.get(spin)!);
    const c = median(cpu.get(spin)!);
    console.log(`| ${spin} µs | ${Math.round(r)} | ${c.toFixed(1)} | ${(c - base.cpu).toFixed(1)} µs | ${(r / base.rps).toFixed(2)}× |`);
  }
}
