// The HTTP benchmarks' load: wrk (a C load generator, Debian's `wrk`,
// installed by .ci/install-system.sh) on one core, the server under test on
// the other. On a 2-core machine a JavaScript client sharing the server's
// cores steals its CPU and wakes it at each write, so a few µs of server
// work read as twice that (bench/server/calibrate.ts shows it); pinned, the
// server is the bottleneck and its ratio to bare is its CPU per request.
// BENCH_PIN=0 leaves scheduling to the kernel.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

const PIN = process.env.BENCH_PIN !== "0" && availableParallelism() >= 2;
/** The core of the server under test; the load generator (and redis-server) get the other. */
export const SERVER_CPU = "0";
export const CLIENT_CPU = "1";

if (spawnSync("wrk", ["-v"]).error) {
  throw new Error("bench: wrk not found; install it with `bash .ci/install-system.sh` (Debian's wrk package)");
}

/** A node process running `script`, pinned to the server's core; it prints `{"port": N}` once listening. */
export async function startServer(script: string, args: string[], nodeOptions: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const command = PIN ? ["taskset", "-c", SERVER_CPU, process.execPath] : [process.execPath];
  // taskset execs node in its own process: the pid is node's.
  const child = spawn(command[0]!, [...command.slice(1), ...nodeOptions, script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  return { child, port: (JSON.parse(line.toString()) as { port: number }).port };
}

/** Moves a running process (every thread) to the load generator's core, e.g. a redis-server standing for another machine. */
export function pinToClientCore(pid: number | undefined): void {
  if (PIN && pid !== undefined) spawnSync("taskset", ["-a", "-p", "-c", CLIENT_CPU, String(pid)], { stdio: "ignore" });
}

/** user+system CPU µs a process has used so far, from /proc (Linux: 100 ticks per second). */
export function cpuMicros(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export interface LoadOptions {
  port: number;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Append a number to `path` that is new for every request of every run (a cache miss each time). */
  unique?: boolean;
  connections: number;
  /** Seconds. */
  duration: number;
  /**
   * Requests per second to aim at, across all connections (each waits
   * connections ÷ rate between its answer and its next request); unset: as
   * fast as the server answers.
   */
  rate?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p99Ms: number;
  /** Connection errors, timeouts and answers outside 2xx/3xx. */
  failed: number;
}

const dir = mkdtempSync(join(tmpdir(), "mizan-bench-"));
// The wrk scripts go with the benchmark's process.
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

const lua = (text: string): string => JSON.stringify(text); // a JSON string is a valid Lua string for this text

/** One wrk run (one thread, pinned to the client core); the figures come from its `done` hook as JSON. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const script = join(dir, `run-${++runs}.lua`);
  const lines = [`wrk.method = ${lua(options.method ?? "GET")}`, `wrk.path = ${lua(options.path)}`];
  for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`wrk.headers[${lua(name)}] = ${lua(value)}`);
  if (options.body !== undefined) lines.push(`wrk.body = ${lua(options.body)}`);
  if (options.unique) {
    // Each run starts a billion above the last, so no key repeats within a benchmark.
    lines.push(`local n = ${runs * 1_000_000_000}`, `request = function() n = n + 1; return wrk.format(nil, ${lua(options.path)} .. n) end`);
  }
  if (options.rate !== undefined) lines.push(`delay = function() return ${(options.connections * 1000) / options.rate} end`);
  lines.push(
    "done = function(s, latency)",
    "  local e = s.errors",
    '  io.write(string.format(\'\\n{"requests":%d,"micros":%d,"p99":%d,"failed":%d}\\n\',',
    "    s.requests, s.duration, latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))",
    "end",
  );
  writeFileSync(script, `${lines.join("\n")}\n`);
  const args = ["-t1", `-c${options.connections}`, `-d${options.duration}s`, "--timeout", "10s", "-s", script, `http://127.0.0.1:${options.port}`];
  const command = PIN ? ["taskset", "-c", CLIENT_CPU, "wrk", ...args] : ["wrk", ...args];
  const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  const json = output.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !json.startsWith("{")) throw new Error(`bench: wrk failed (exit ${code}):\n${output}`);
  const r = JSON.parse(json) as { requests: number; micros: number; p99: number; failed: number };
  return { requests: r.requests, rps: (r.requests * 1e6) / r.micros, p99Ms: r.p99 / 1000, failed: r.failed };
}
