// createEdgeHandler end to end: the same scenarios as the real Varnish,
// with the edge served by node:http in front of a real origin over HTTP;
// then what only it does (private functions refused at the edge, exact
// §4 purges, an origin as a Fetch handler, a fill racing a purge).
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createEdgeHandler, MemoryStore } from "mizan/edge";
import { closeAgent, raw, serve, type Served } from "../server/helpers.js";
import { edgeApp, manifest, resetStore, store } from "./app.js";
import { edgeScenarios, get } from "./scenarios.js";

const test = suite("createEdgeHandler");
let origin: Served;
let edge: Served;
let originRequests = 0;
const errors: unknown[] = [];

test.before(async () => {
  resetStore();
  const app = edgeApp({ edge: { manifest, header: "xkey" } });
  origin = await serve(async (request) => {
    originRequests += 1;
    return app(request);
  });
  edge = await serve(createEdgeHandler({ manifest, origin: origin.origin, onError: (error) => errors.push(error) }));
});
test.after(async () => {
  closeAgent();
  await edge?.close();
  await origin?.close();
});

edgeScenarios(test, () => edge, true);

test("private functions are refused at the edge (403) without reaching the origin", async () => {
  const before = originRequests;
  const response = await raw(edge.port, { method: "POST", path: "/api/mizan/call/resetArticles/", headers: { "content-type": "application/json" }, body: "{}" });
  assert.is(response.status, 403);
  assert.equal(JSON.parse(response.body), { error: { code: "forbidden", message: '"resetArticles" is private: callable from server code only' } });
  assert.is(response.headers["cache-control"], "no-store");
  assert.is(originRequests, before);
});

test("HEAD and If-None-Match are answered from the entry", async () => {
  const first = await get(edge, "/api/mizan/ctx/article/?slug=cond");
  const before = originRequests;
  const head = await raw(edge.port, { method: "HEAD", path: "/api/mizan/ctx/article/?slug=cond" });
  assert.is(head.status, 200);
  assert.is(head.body, "");
  assert.is(head.headers["x-cache"], "HIT");
  const notModified = await get(edge, "/api/mizan/ctx/article/?slug=cond", { "if-none-match": String(first.headers.etag) });
  assert.is(notModified.status, 304);
  assert.is(notModified.headers.etag, first.headers.etag);
  assert.is(originRequests, before);
});

test("the same instance however the query spells it: one entry", async () => {
  await get(edge, "/api/mizan/ctx/board/?board=x&author=y");
  const before = originRequests;
  assert.is((await get(edge, "/api/mizan/ctx/board/?author=y&board=x")).headers["x-cache"], "HIT");
  assert.is(originRequests, before);
});

test("errors and uncacheable answers pass through, never stored", async () => {
  const bad = await get(edge, "/api/mizan/ctx/article/");
  assert.is(bad.status, 400);
  const before = originRequests;
  assert.is((await get(edge, "/api/mizan/ctx/article/")).status, 400);
  assert.is(originRequests, before + 1);
  const unknown = await get(edge, "/api/mizan/ctx/nothing/");
  assert.is(unknown.status, 404);
});

test("an unreachable origin is a 502 in the error shape, reported", async () => {
  const down = await serve(async () => new Response(null));
  const target = down.origin;
  await down.close();
  const lonely = await serve(createEdgeHandler({ manifest, origin: target, onError: (error) => errors.push(error) }));
  const count = errors.length;
  const response = await get(lonely, "/api/mizan/ctx/article/?slug=x");
  assert.is(response.status, 502);
  assert.is(JSON.parse(response.body).error.code, "internal");
  assert.is(errors.length, count + 1);
  errors.length = count;
  await lonely.close();
});

test("the origin may be a Fetch handler (a service binding, createHandler itself)", async () => {
  const front = await serve(createEdgeHandler({ manifest, origin: edgeApp() }));
  await get(front, "/api/mizan/ctx/article/?slug=fn");
  const reads = store.reads;
  assert.is((await get(front, "/api/mizan/ctx/article/?slug=fn")).headers["x-cache"], "HIT");
  assert.is(store.reads, reads);
  await raw(front.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: { "content-type": "application/json" }, body: '{"slug":"fn","title":"new"}' });
  assert.is(JSON.parse((await get(front, "/api/mizan/ctx/article/?slug=fn")).body).article.title, "new");
  await front.close();
});

test("concurrent misses of one entry ask the origin once", async () => {
  const front = await serve(createEdgeHandler({ manifest, origin: edgeApp() }));
  const reads = store.reads;
  const answers = await Promise.all(Array.from({ length: 20 }, () => get(front, "/api/mizan/ctx/article/?slug=herd")));
  assert.ok(answers.every((a) => a.status === 200 && a.body === answers[0]!.body));
  assert.is(store.reads, reads + 1, "one read reached the origin");
  assert.is(answers.filter((a) => a.headers["x-cache"] === "MISS").length, 1);
  await front.close();
});

test("a fill that raced a purge is not stored", () => {
  const memory = new MemoryStore();
  const entry = { status: 200, headers: [], body: new Uint8Array(), freshUntil: Date.now() + 60_000, storedAt: Date.now(), etag: null };
  const instance = { context: "article", params: { slug: "a" } };
  const epoch = memory.epoch();
  memory.purge([{ context: "article", params: { slug: "a" } }]);
  assert.is(memory.put("k", [instance], entry, epoch), false);
  assert.is(memory.get("k"), undefined);
  assert.is(memory.put("k", [instance], entry, memory.epoch()), true);
  assert.is(memory.purge([{ context: "article", params: { slug: "b" } }]), 0, "another instance: kept");
  assert.is(memory.purge([{ context: "article", fn: "likes", params: { slug: "a" } }]), 1, "a function-level target purges the instance");
  assert.is(memory.size, 0);
});

test("the memory store keeps at most maxEntries, least recently used out first", () => {
  const memory = new MemoryStore({ maxEntries: 2 });
  const entry = { status: 200, headers: [], body: new Uint8Array(), freshUntil: Date.now() + 60_000, storedAt: Date.now(), etag: null };
  for (const key of ["a", "b"]) memory.put(key, [{ context: "c", params: {} }], entry, memory.epoch());
  memory.get("a");
  memory.put("c", [{ context: "c", params: {} }], entry, memory.epoch());
  assert.ok(memory.get("a") !== undefined);
  assert.is(memory.get("b"), undefined);
  assert.throws(() => new MemoryStore({ maxEntries: 0 }), /maxEntries/);
});

test("a manifest that is not one is refused when the edge is made", () => {
  assert.throws(() => createEdgeHandler({ manifest: { version: 2 } as never, origin: "http://127.0.0.1:1" }), /version 1/);
  assert.throws(() => createEdgeHandler({ manifest: { ...manifest, contexts: null } as never, origin: "http://127.0.0.1:1" }), /contexts/);
  assert.throws(() => createEdgeHandler({ manifest, origin: "http://127.0.0.1:1", basePath: "api" }), /base path/);
});

test("nothing was reported along the way", () => {
  assert.equal(errors, []);
});

test.run();
