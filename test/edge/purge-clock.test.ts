// The purge clock across instances: a public read running on instance B when
// a mutation on instance A purges its context is sent no-store by B, which
// hears of the purge through the shared origin cache (a real Redis), so that
// no CDN keeps what the mutation replaced.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, type RouteTable } from "mizan/server";
import { RedisCache } from "mizan/cache";
import type { Purger } from "mizan/edge";
import { routes } from "../../fixtures/projects/edge/expected/routes.js";
import { startRedis, type RedisServer } from "../support/redis.js";
import { manifest, resetStore } from "./app.js";

const SECRET = "purge-clock-secret-0123456789abcdef0123456789";
let redis: RedisServer;
test.before(async () => {
  redis = await startRedis();
});
test.after(async () => {
  await redis.close();
});

/** The edge fixture's table with its `article` read held at `gate` once it has read the record. */
function gated(hold: { gate?: Promise<void>; entered?: () => void }): RouteTable {
  const article = routes.functions.article;
  const run = async (req: never, args: never) => {
    const value = await article.run(req, args);
    if (hold.gate !== undefined) {
      hold.entered?.();
      await hold.gate;
    }
    return value;
  };
  return { ...routes, functions: { ...routes.functions, article: { ...article, run } } } as unknown as RouteTable;
}

test("a read on B that a purge from A overlapped is no-store, untagged; the next one is tagged", async () => {
  resetStore();
  const purged: string[][] = [];
  const purger: Purger = { name: "recording", purge: async (tags) => void purged.push([...tags]) };
  const caches = [0, 1].map(() => new RedisCache({ secret: SECRET, url: redis.url, prefix: "clock:" }));
  await Promise.all(caches.map((cache) => cache.ready()));
  const hold: { gate?: Promise<void>; entered?: () => void } = {};
  const [a, b] = caches.map((cache) =>
    createHandler({ routes: gated(hold), cache, edge: { manifest, header: "xkey" }, purge: { purgers: purger } }),
  );
  try {
    let open!: () => void;
    hold.gate = new Promise((resolve) => (open = resolve));
    const entered = new Promise<void>((resolve) => (hold.entered = resolve));
    const path = "http://app.test/api/mizan/ctx/article/?slug=clock";
    const reading = b!(new Request(path));
    await entered;
    const call = await a!(new Request("http://app.test/api/mizan/call/editArticle/", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ slug: "clock", title: "New" }) }));
    assert.is(call.status, 200);
    assert.ok(purged.length > 0, "A purged the CDN");
    hold.gate = undefined;
    open();
    const overlapped = await reading;
    assert.is(overlapped.headers.get("cache-control"), "no-store");
    assert.is(overlapped.headers.get("xkey"), null);
    const next = await b!(new Request(path));
    assert.match(next.headers.get("cache-control") ?? "", /^public/);
    assert.ok(next.headers.get("xkey"));
  } finally {
    await Promise.all(caches.map((cache) => cache.close()));
  }
});

test.run();
