// The cost of the two benchmark requests through the handler's direct entry
// (the one toNodeListener uses), without a network: what Mizan itself adds
// per request, with no socket or HTTP parser around it. Best of 7 rounds, µs
// of process CPU per request (user + system, GC threads included: steadier
// than wall time on a shared machine).
//   node dist/bench/server/in-process.js  (MIZAN_BEFORE: the dist/server/index.js
//   of an earlier runtime build, measured side by side; an argument, e.g. `call`,
//   keeps only the requests whose label contains it: for --cpu-prof)
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { CALL_BODY, CALL_PATH, CONTEXT_PATH } from "./requests.js";
import { nodeEntry, type Handle } from "../entry.js";

async function handleOf(module: string): Promise<Handle> {
  const { createHandler } = (await import(module)) as typeof import("mizan/server");
  return nodeEntry(createHandler({ routes }));
}

const builds: Record<string, Handle> = { "this build": await handleOf("mizan/server") };
if (process.env.MIZAN_BEFORE !== undefined) builds.before = await handleOf(process.env.MIZAN_BEFORE);

const body = new TextEncoder().encode(CALL_BODY);
const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(body.byteLength) };

/** A request as the node:http entry hands it over: the body already in, the Request built only on demand. */
function incoming(method: string, target: string) {
  const [path = "", query = ""] = target.split("?");
  const href = `http://127.0.0.1${target}`;
  return {
    method,
    path,
    search: query === "" ? "" : `?${query}`,
    get url() {
      return new URL(href);
    },
    header: (name: string) => headers[name] ?? null,
    readBody: () => Promise.resolve({ ok: true, bytes: body }),
    request: () => new Request(href, { method, headers, body: method === "POST" ? body : null }),
    requestHead: () => ({ method, url: href, headers: new Headers(headers) }),
    cancelled: () => false,
    left: () => false,
  };
}

const cases: Record<string, () => unknown> = {
  "ctx GET (catalog)": () => incoming("GET", CONTEXT_PATH),
  "call POST (updateName)": () => incoming("POST", CALL_PATH),
};

const names = Object.keys(builds);
console.log(`CPU µs per request, best of 7 rounds of 50 000\n`);
console.log(`| request | ${names.join(" | ")} |\n| --- |${names.map(() => " ---: |").join("")}`);
const only = process.argv[2] ?? "";
for (const [label, make] of Object.entries(cases).filter(([label]) => label.includes(only))) {
  const best: Record<string, number> = {};
  for (let round = 0; round < 7; round++) {
    for (const [name, handle] of Object.entries(builds)) {
      for (let i = 0; i < 5000; i++) await handle(make());
      const count = 50_000;
      const start = process.cpuUsage();
      for (let i = 0; i < count; i++) await handle(make());
      const used = process.cpuUsage(start);
      best[name] = Math.min(best[name] ?? Infinity, (used.user + used.system) / count);
    }
  }
  console.log(`| ${label} | ${names.map((name) => best[name]!.toFixed(2)).join(" | ")} |`);
}
