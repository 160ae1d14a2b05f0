// CPU profile of the Mizan server under load: serve.js runs `mizan` under
// --cpu-prof while wrk drives one scenario (bench/load.ts), then the profile's top
// entries by self time are printed (name, file:line, share of the busy time, µs per request).
//   node dist/bench/server/profile.js [ctx|call] [mizan|mizan-before|bare|…, a kind of serve.js]
//   node dist/bench/server/profile.js [hit|catalog|miss] [memory|redis|bare|…, a kind of bench/cache/serve.js]
//   (redis: REDIS_URL of a running redis-server)
//   (BENCH_DURATION s, default 8; PROFILE_TOP, default 20; MIZAN_BEFORE as for run.js)
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { load, startServer } from "../load.js";
import { CALL_BODY, CALL_PATH, CONTEXT_PATH } from "./requests.js";
import { HIT_PATH, PUBLIC_PATH } from "../cache/shared.js";

const scenario = ["call", "hit", "catalog", "miss"].includes(process.argv[2]!) ? process.argv[2]! : "ctx";
const cached = scenario === "hit" || scenario === "catalog" || scenario === "miss";
const kind = process.argv[3] ?? "mizan";
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const TOP = Number(process.env.PROFILE_TOP ?? 20);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const dir = mkdtempSync(join(tmpdir(), "mizan-prof-"));
const script = fileURLToPath(new URL(cached ? "../cache/serve.js" : "./serve.js", import.meta.url));
const args = cached && process.env.REDIS_URL !== undefined ? [kind, process.env.REDIS_URL] : [kind];
const { child, port } = await startServer(script, args, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
const request: { port: number; path: string; method?: "POST"; headers?: Record<string, string>; body?: string; unique?: boolean } =
  scenario === "call"
    ? { port, path: CALL_PATH, method: "POST" as const, headers: { "content-type": "application/json" }, body: CALL_BODY }
    : cached
      ? scenario === "miss"
        ? { port, path: "/api/mizan/ctx/user/?userId=", unique: true, headers: { authorization: "u1" } }
        : { port, path: scenario === "hit" ? HIT_PATH : PUBLIC_PATH, headers: { authorization: "u1" } }
      : { port, path: CONTEXT_PATH };
const result = await load({ ...request, connections: 50, duration: DURATION });
child.kill("SIGTERM");
await once(child, "exit");

const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"))!;
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
rmSync(dir, { recursive: true, force: true });
// Time rather than sample counts: µs per request can then be compared between servers.
const micros = new Map<number, number>();
profile.samples.forEach((id, i) => micros.set(id, (micros.get(id) ?? 0) + profile.timeDeltas[i]!));
const self = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const time = micros.get(node.id) ?? 0;
  total += time;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url === "" ? "" : ` ${url.startsWith("file://") ? relative(ROOT, fileURLToPath(url)) : url}:${lineNumber + 1}`;
  const key = `${functionName || "(anonymous)"}${where}`;
  self.set(key, (self.get(key) ?? 0) + time);
}
// Idle and start-up (module compilation) are not the server's work per request.
const startup = /compileSourceTextModule|compileForInternalLoader|^\(idle\)|openFileHandle|readFileHandle|^fstat|internalModuleStat|resolve\.js|esm\/|realm:/;
const busy = [...self].filter(([key]) => !startup.test(key));
const busyTotal = busy.reduce((sum, [, time]) => sum + time, 0);
const perRequest = (us: number) => (us / result.requests).toFixed(2);
console.log(`${scenario} (${kind}): ${Math.round(result.rps)} req/s under the profiler; busy ${perRequest(busyTotal)} µs per request (main thread)`);
console.log("(shares of busy time: idle time and module loading left out)\n");
console.log("| self % | µs/req | function |\n| ---: | ---: | --- |");
for (const [key, time] of busy.sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`| ${((100 * time) / busyTotal).toFixed(1)} | ${perRequest(time)} | \`${key}\` |`);
}
// Everything that ran Mizan's own code (its built runtime, this one or MIZAN_BEFORE's), beside node:http's share.
const own = busy.filter(([key]) => key.includes("runtime/dist/") || key.includes("dist/runtime/")).reduce((sum, [, time]) => sum + time, 0);
console.log(`\nMizan's own functions: ${((100 * own) / busyTotal).toFixed(1)}% of busy time (self time)`);
