// The origin side (PROTOCOL §8): public context reads and public page
// routes carry their tags in the configured header, and a CDN-only
// lifetime when configured; user-scoped reads, calls and private pages
// carry none.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { instanceTags } from "mizan/edge";
import { MemoryCache } from "mizan/cache";
import { routes as demoRoutes } from "../../examples/generated/routes.js";
import { closeAgent, raw, serve, type Served } from "../server/helpers.js";
import { edgeApp, manifest, resetStore } from "./app.js";
import { readFileSync } from "node:fs";
import type { Manifest } from "mizan/protocol";

let xkey: Served;
let cloudflare: Served;
let fastly: Served;
let demo: Served;
const errors: unknown[] = [];

test.before(async () => {
  resetStore();
  xkey = await serve(edgeApp({ edge: { manifest, header: "xkey", cdnMaxAge: 86400 } }));
  cloudflare = await serve(edgeApp({ edge: { manifest, header: "Cache-Tag", cdnMaxAge: 3600 }, publicCache: { sMaxAge: 30, staleWhileRevalidate: 15 } }));
  fastly = await serve(edgeApp({ edge: { manifest, header: "Surrogate-Key", prefix: "blog" } }));
  const demoManifest = JSON.parse(readFileSync(new URL("../../../examples/generated/manifest.json", import.meta.url), "utf8")) as Manifest;
  demo = await serve(createHandler({ routes: demoRoutes, edge: { manifest: demoManifest, header: "xkey" }, onError: (e) => errors.push(e) }));
});
test.after(async () => {
  closeAgent();
  await Promise.all([xkey.close(), cloudflare.close(), fastly.close(), demo.close()]);
});

test("a psr context read carries its context tag and one tag per (param, value)", async () => {
  const response = await raw(xkey.port, { path: "/api/mizan/ctx/article/?slug=hello" });
  assert.is(response.status, 200);
  assert.is(response.headers["xkey"], "mz.article mz.article.slug.hello");
  assert.is(response.headers["cache-control"], "public, s-maxage=60, stale-while-revalidate=60");
  assert.is(response.headers["surrogate-control"], "max-age=86400, stale-while-revalidate=60", "the CDN keeps it longer than s-maxage");
  const upper = await raw(xkey.port, { path: "/api/mizan/ctx/article/?slug=Hello%20World" });
  assert.equal(upper.headers["xkey"], instanceTags("article", ["slug"], { slug: "Hello World" }).join(" "));
  assert.match(String(upper.headers["xkey"]), /^mz\.article mz\.article\.slug\._[a-z2-7]{16}$/);
});

test("with an origin cache, a hit carries its instance's tags as a fresh read does", async () => {
  const cache = new MemoryCache({ secret: "origin-headers-test-secret-0123456789abcdef" });
  const cached = await serve(edgeApp({ edge: { manifest, header: "xkey" }, cache }));
  try {
    for (let round = 0; round < 2; round++) {
      const filtered = await raw(cached.port, { path: "/api/mizan/ctx/board/?board=news" });
      assert.is(filtered.headers["xkey"], "mz.board mz.board.author mz.board.board.news");
      const all = await raw(cached.port, { path: "/api/mizan/ctx/board/" });
      assert.is(all.headers["xkey"], "mz.board mz.board.author mz.board.board");
    }
    assert.is(cache.metrics().hits, 2, "the second round came from the cache");
  } finally {
    await cached.close();
    await cache.close();
  }
});

test("left-out optional params carry the wildcard tag, so a scoped purge reaches the unfiltered read", async () => {
  const filtered = await raw(xkey.port, { path: "/api/mizan/ctx/board/?board=news" });
  assert.is(filtered.headers["xkey"], "mz.board mz.board.author mz.board.board.news");
  const all = await raw(xkey.port, { path: "/api/mizan/ctx/board/" });
  assert.is(all.headers["xkey"], "mz.board mz.board.author mz.board.board");
});

test("Cache-Tag is comma-separated, with CDN-Cache-Control; Surrogate-Key with a prefix and no CDN lifetime when none is set", async () => {
  const cf = await raw(cloudflare.port, { path: "/api/mizan/ctx/article/?slug=a" });
  assert.is(cf.headers["cache-tag"], "mz.article,mz.article.slug.a");
  assert.is(cf.headers["cdn-cache-control"], "public, max-age=3600, stale-while-revalidate=15");
  assert.is(cf.headers["xkey"], undefined);
  const f = await raw(fastly.port, { path: "/api/mizan/ctx/article/?slug=a" });
  assert.is(f.headers["surrogate-key"], "blog.article blog.article.slug.a");
  assert.is(f.headers["surrogate-control"], undefined);
});

test("a 304 carries the same tags; HEAD too", async () => {
  const first = await raw(xkey.port, { path: "/api/mizan/ctx/article/?slug=e" });
  const again = await raw(xkey.port, { path: "/api/mizan/ctx/article/?slug=e", headers: { "if-none-match": String(first.headers.etag) } });
  assert.is(again.status, 304);
  assert.is(again.headers["xkey"], first.headers["xkey"]);
  const head = await raw(xkey.port, { method: "HEAD", path: "/api/mizan/ctx/article/?slug=e" });
  assert.is(head.headers["xkey"], first.headers["xkey"]);
});

test("user-scoped reads carry no tag and stay private; calls and errors carry none", async () => {
  const account = await raw(xkey.port, { path: "/api/mizan/ctx/account/", headers: { authorization: "Bearer ann" } });
  assert.is(account.status, 200);
  assert.is(account.headers["xkey"], undefined);
  assert.is(account.headers["surrogate-control"], undefined);
  assert.is(account.headers["cache-control"], "private, no-cache");
  const call = await raw(xkey.port, {
    method: "POST",
    path: "/api/mizan/call/editArticle/",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ slug: "a", title: "T" }),
  });
  assert.is(call.status, 200);
  assert.is(call.headers["xkey"], undefined);
  const bad = await raw(xkey.port, { path: "/api/mizan/ctx/article/" });
  assert.is(bad.status, 400);
  assert.is(bad.headers["xkey"], undefined);
});

test("a page route whose own headers are public carries the tags of the instance it renders", async () => {
  const page = await raw(xkey.port, { path: "/articles/hello/" });
  assert.is(page.status, 200);
  assert.is(page.headers["cache-control"], "public, s-maxage=300");
  assert.is(page.headers["xkey"], "mz.article mz.article.slug.hello");
  assert.is(page.headers["surrogate-control"], "max-age=86400");
});

test("a page route that is not public carries no tag (the demo's profile page)", async () => {
  const page = await raw(demo.port, { path: "/profile/1/" });
  assert.is(page.status, 200);
  assert.is(page.headers["xkey"], undefined);
  assert.equal(errors, []);
});

test("bad options are refused when the handler is made", () => {
  assert.throws(() => edgeApp({ edge: { manifest, header: "X-Tags" as "xkey" } }), /edge.header/);
  assert.throws(() => edgeApp({ edge: { manifest, header: "xkey", prefix: "Bad" } }), /prefix/);
  assert.throws(() => edgeApp({ edge: { manifest, header: "xkey", cdnMaxAge: -1 } }), /cdnMaxAge/);
  assert.throws(() => edgeApp({ purge: { purgers: [{} as never] } }), /purge/);
  assert.throws(() => edgeApp({ purge: { purgers: [], timeoutMs: 0 } }), /timeoutMs/);
});

test.run();
