// The cost of one context read through the handler's direct entry (the one
// toNodeListener uses), without a network: a user-scoped read with
// `authenticate` and a public one, each as a hit and without a cache, and a
// miss (a new userId every time). Best of 7 rounds, µs per read.
//   node dist/bench/cache/in-process.js  (MIZAN_BEFORE: the dist/server/index.js of an
//   earlier runtime build, measured instead; its dist/cache/index.js beside it)
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { SECRET } from "./shared.js";

type Handle = (incoming: unknown) => Promise<unknown>;
const HANDLE = Symbol.for("mizan.handle");
const serverModule = process.env.MIZAN_BEFORE ?? "mizan/server";
const cacheModule = process.env.MIZAN_BEFORE?.replace(/server\/index\.js$/, "cache/index.js") ?? "mizan/cache";
const { createHandler } = (await import(serverModule)) as typeof import("mizan/server");
const { MemoryCache } = (await import(cacheModule)) as typeof import("mizan/cache");

const authenticate = (request: Request) => request.headers.get("authorization");
const kinds: Record<string, Handle> = {
  nocache: (createHandler({ routes, authenticate }) as unknown as Record<symbol, Handle>)[HANDLE]!,
  memory: (createHandler({ routes, authenticate, cache: new MemoryCache({ secret: SECRET }) }) as unknown as Record<symbol, Handle>)[HANDLE]!,
};

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
const cases: Record<string, () => unknown> = {
  "user (authenticate)": () => incoming("/api/mizan/ctx/user/", "?userId=1"),
  "catalog (public)": () => incoming("/api/mizan/ctx/catalog/", "?limit=2"),
  "miss (new userId each time)": () => incoming("/api/mizan/ctx/user/", `?userId=${unique++}`),
};

console.log(`${process.env.MIZAN_BEFORE ?? "this build"}: µs per read, best of 7 rounds of 20 000\n`);
console.log("| read | no cache | MemoryCache |\n| --- | ---: | ---: |");
for (const [label, make] of Object.entries(cases)) {
  const best: Record<string, number> = {};
  for (let round = 0; round < 7; round++) {
    for (const [name, handle] of Object.entries(kinds)) {
      for (let i = 0; i < 2000; i++) await handle(make());
      const count = 20_000;
      const start = process.hrtime.bigint();
      for (let i = 0; i < count; i++) await handle(make());
      best[name] = Math.min(best[name] ?? Infinity, Number(process.hrtime.bigint() - start) / count / 1000);
    }
  }
  console.log(`| ${label} | ${best.nocache!.toFixed(2)} | ${best.memory!.toFixed(2)} |`);
}
