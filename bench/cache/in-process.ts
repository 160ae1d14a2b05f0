// The cost of one context read through the handler's direct entry (the one
// toNodeListener uses), without a network: a user-scoped read with
// `authenticate` and a public one, each as a hit and without a cache, and a
// miss (a new userId every time) into a MemoryCache already full (every fill
// evicts, as in a long run of distinct reads). Best of 7 rounds, µs of
// process CPU per read (user + system, GC threads included: steadier than
// wall time on a shared machine).
//   node dist/bench/cache/in-process.js  (MIZAN_BEFORE: the dist/server/index.js of an
//   earlier runtime build, its dist/cache/index.js beside it, measured side by side
//   in the same rounds; an argument, e.g. `miss`, keeps only the reads whose
//   label contains it: for --cpu-prof)
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { SECRET } from "./shared.js";

type Handle = (incoming: unknown) => Promise<unknown>;
const HANDLE = Symbol.for("mizan.handle");
const authenticate = (request: Request) => request.headers.get("authorization");

interface Build {
  readonly nocache: Handle;
  /** For the hits. */
  readonly memory: Handle;
  /** For the misses: a cache of its own, filled to its budget before they are measured. */
  readonly missMemory: Handle;
  readonly missCache: { metrics(): Record<string, number> };
}

async function buildOf(server: string, cache: string): Promise<Build> {
  const { createHandler } = (await import(server)) as typeof import("mizan/server");
  const { MemoryCache } = (await import(cache)) as typeof import("mizan/cache");
  const handle = (options: Omit<Parameters<typeof createHandler>[0], "routes" | "authenticate">) =>
    (createHandler({ routes, authenticate, ...options }) as unknown as Record<symbol, Handle>)[HANDLE]!;
  const missCache = new MemoryCache({ secret: SECRET });
  return {
    nocache: handle({}),
    memory: handle({ cache: new MemoryCache({ secret: SECRET }) }),
    missMemory: handle({ cache: missCache }),
    missCache,
  };
}

const builds: Record<string, Build> = { "this build": await buildOf("mizan/server", "mizan/cache") };
const before = process.env.MIZAN_BEFORE;
if (before !== undefined) builds.before = await buildOf(before, before.replace(/server\/index\.js$/, "cache/index.js"));

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
  };
}

let unique = 1_000_000;
const miss = () => incoming("/api/mizan/ctx/user/", `?userId=${unique++}`);
const cases: Record<string, { make: () => unknown; kinds: Record<string, (build: Build) => Handle> }> = {
  "user (authenticate)": { make: () => incoming("/api/mizan/ctx/user/", "?userId=1"), kinds: { nocache: (b) => b.nocache, memory: (b) => b.memory } },
  "catalog (public)": { make: () => incoming("/api/mizan/ctx/catalog/", "?limit=2"), kinds: { nocache: (b) => b.nocache, memory: (b) => b.memory } },
  "miss (new userId each time, store full)": { make: miss, kinds: { nocache: (b) => b.nocache, memory: (b) => b.missMemory } },
};

const only = process.argv[2] ?? "";
const chosen = Object.entries(cases).filter(([label]) => label.includes(only));
if (chosen.some(([label]) => label.startsWith("miss"))) {
  for (const build of Object.values(builds)) {
    while (build.missCache.metrics().evictions === 0) for (let i = 0; i < 1000; i++) await build.missMemory(miss());
  }
}

const names = Object.keys(builds);
const columns = names.flatMap((name) => [`${name}: no cache`, "MemoryCache", "difference"]);
console.log(`CPU µs per read, best of 7 rounds of 20 000\n`);
console.log(`| read | ${columns.join(" | ")} |\n| --- |${columns.map(() => " ---: |").join("")}`);
for (const [label, { make, kinds }] of chosen) {
  const best: Record<string, number> = {};
  for (let round = 0; round < 7; round++) {
    // Alternate which build goes first, so neither always runs after the other's garbage.
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      for (const [kind, handleOf] of Object.entries(kinds)) {
        const handle = handleOf(builds[name]!);
        for (let i = 0; i < 2000; i++) await handle(make());
        const count = 20_000;
        const start = process.cpuUsage();
        for (let i = 0; i < count; i++) await handle(make());
        const used = process.cpuUsage(start);
        const id = `${name}/${kind}`;
        best[id] = Math.min(best[id] ?? Infinity, (used.user + used.system) / count);
      }
    }
  }
  const cells = names.flatMap((name) => {
    const [nocache, memory] = [best[`${name}/nocache`]!, best[`${name}/memory`]!];
    return [nocache.toFixed(2), memory.toFixed(2), (memory - nocache).toFixed(2)];
  });
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}
