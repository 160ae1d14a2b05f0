// The cost of one context read through the handler's direct entry (the one
// toNodeListener uses), without a network: a user-scoped read with
// `authenticate` and a public one, each as a hit and without a cache, and a
// miss (a new userId every time) into a MemoryCache already full (every fill
// evicts, as in a long run of distinct reads). Best of 7 rounds, µs of
// process CPU per read (user + system, GC threads included: steadier than
// wall time on a shared machine); a miss round is 100 000 reads, so that
// each holds its share of the full collections a growing heap brings.
// Beside them, the peer: lru-cache (npm) within the same byte budget in front
// of the uncached handler, keyed by the request's own string (what a team
// adds by hand; no HMAC, no tags, no purge safety): what a bounded cache
// adds to a read without any of Mizan's guarantees.
//   node dist/bench/cache/in-process.js  (MIZAN_BEFORE: the dist/server/index.js of an
//   earlier runtime build, its dist/cache/index.js beside it, measured side by side:
//   each build in a process of its own, so neither's garbage collection is counted
//   against the other, the two taking turns round by round; an argument, e.g. `miss`,
//   keeps only the reads whose label contains it: for --cpu-prof)
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { DEFAULT_MEMORY_BYTES } from "mizan/cache";
import { lruPeer, nodeEntry, SECRET } from "./shared.js";

const authenticate = (request: Request) => request.headers.get("authorization");

/** A request as the node:http entry hands it over: the Request built only on demand. */
function incoming(path: string, search: string) {
  const href = `http://127.0.0.1${path}${search}`;
  let url: URL | undefined;
  return {
    method: "GET",
    path,
    search,
    get url() {
      return (url ??= new URL(href));
    },
    header: (name: string) => (name === "authorization" ? "u1" : null),
    readBody: async () => ({ ok: true, bytes: new Uint8Array(0) }),
    request: () => new Request(href, { headers: { authorization: "u1" } }),
    // The light view authenticate gets (an earlier runtime without it builds the Request).
    requestHead: () => ({ method: "GET", url: href, headers: new Headers({ authorization: "u1" }) }),
    cancelled: () => false,
    left: () => false,
  };
}

let unique = 1_000_000;
const miss = () => incoming("/api/mizan/ctx/user/", `?userId=${unique++}`);
/** Per read: the request, which cache of a build serves it with a cache ("miss": one of its own, full), reads per round. */
const cases: Record<string, { make: () => unknown; cache: "hits" | "miss"; count: number }> = {
  "user (authenticate)": { make: () => incoming("/api/mizan/ctx/user/", "?userId=1"), cache: "hits", count: 20_000 },
  "catalog (public)": { make: () => incoming("/api/mizan/ctx/catalog/", "?limit=2"), cache: "hits", count: 20_000 },
  "miss (new userId each time, store full)": { make: miss, cache: "miss", count: 100_000 },
};
const only = process.argv[2] ?? "";
const chosen = Object.keys(cases).filter((label) => label.includes(only));

interface Job {
  readonly label: string;
  readonly kind: Kind;
}
type Kind = "nocache" | "memory" | "peer";

/** One build in this process: measures what the parent asks, one round at a time. */
async function serve(server: string, cache: string, withPeer: boolean): Promise<void> {
  const { createHandler } = (await import(server)) as typeof import("mizan/server");
  const { MemoryCache } = (await import(cache)) as typeof import("mizan/cache");
  const handle = (options: Omit<Parameters<typeof createHandler>[0], "routes" | "authenticate">) =>
    nodeEntry(createHandler({ routes, authenticate, ...options }));
  const missCache = new MemoryCache({ secret: SECRET });
  const handles = { nocache: handle({}), hits: handle({ cache: new MemoryCache({ secret: SECRET }) }), miss: handle({ cache: missCache }) };
  // Only in this build's process (see kinds below): a full peer would burden another build's collector.
  const peers = withPeer ? { hits: lruPeer(handles.nocache, DEFAULT_MEMORY_BYTES), miss: lruPeer(handles.nocache, DEFAULT_MEMORY_BYTES) } : undefined;
  if (chosen.some((label) => cases[label]!.cache === "miss")) {
    while (missCache.metrics().evictions === 0) for (let i = 0; i < 1000; i++) await handles.miss(miss());
    while (peers !== undefined && !peers.miss.full()) for (let i = 0; i < 1000; i++) await peers.miss.handle(miss());
  }
  process.on("message", async ({ label, kind }: Job) => {
    const { make, cache, count } = cases[label]!;
    const run = kind === "nocache" ? handles.nocache : kind === "peer" ? peers![cache].handle : handles[cache];
    for (let i = 0; i < 2000; i++) await run(make());
    const start = process.cpuUsage();
    for (let i = 0; i < count; i++) await run(make());
    const used = process.cpuUsage(start);
    process.send!((used.user + used.system) / count);
  });
  process.send!("ready");
}

async function measure(child: ChildProcess, job: Job): Promise<number> {
  child.send(job);
  const [us] = (await once(child, "message")) as [number];
  return us;
}

const child = process.env.MIZAN_BENCH_BUILD;
if (child !== undefined) {
  const [server, cache] = JSON.parse(child) as [string, string];
  await serve(server, cache, server === "mizan/server");
} else {
  const builds: Record<string, [string, string]> = { "this build": ["mizan/server", "mizan/cache"] };
  const before = process.env.MIZAN_BEFORE;
  if (before !== undefined) builds.before = [before, before.replace(/server\/index\.js$/, "cache/index.js")];
  const script = fileURLToPath(import.meta.url);
  const children: Record<string, ChildProcess> = {};
  // Started (and their miss caches filled) in turn: two at a time on a small machine would slow each other for nothing.
  for (const [name, modules] of Object.entries(builds)) {
    children[name] = fork(script, process.argv.slice(2), { env: { ...process.env, MIZAN_BENCH_BUILD: JSON.stringify(modules) } });
    await once(children[name]!, "message");
  }

  const names = Object.keys(builds);
  // The peer depends on no build: measured in this build's process only.
  const kinds = (name: string): Kind[] => (name === "this build" ? ["nocache", "memory", "peer"] : ["nocache", "memory"]);
  const heading: Record<Exclude<Kind, "nocache">, string> = { memory: "MemoryCache", peer: "peer (lru-cache)" };
  const columns = names.flatMap((name) => kinds(name).flatMap((kind) => (kind === "nocache" ? [`${name}: no cache`] : [heading[kind], "difference"])));
  console.log(`CPU µs per read, best of 7 rounds (of 20 000 reads; misses 100 000)\n`);
  console.log(`| read | ${columns.join(" | ")} |\n| --- |${columns.map(() => " ---: |").join("")}`);
  for (const label of chosen) {
    const best: Record<string, number> = {};
    for (let round = 0; round < 7; round++) {
      // Alternate which build goes first.
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        for (const kind of kinds(name)) {
          const us = await measure(children[name]!, { label, kind });
          best[`${name}/${kind}`] = Math.min(best[`${name}/${kind}`] ?? Infinity, us);
        }
      }
    }
    const cells = names.flatMap((name) => {
      const nocache = best[`${name}/nocache`]!;
      return kinds(name).flatMap((kind) => (kind === "nocache" ? [nocache.toFixed(2)] : [best[`${name}/${kind}`]!.toFixed(2), (best[`${name}/${kind}`]! - nocache).toFixed(2)]));
    });
    console.log(`| ${label} | ${cells.join(" | ")} |`);
  }
  for (const worker of Object.values(children)) worker.kill();
}
