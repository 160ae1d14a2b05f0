// Mizan inside a real Hono app on @hono/node-server: the Fetch handler takes
// Hono's own Request (`c.req.raw`), so reads, 304s, calls with their
// invalidation header and the Origin rule work as they do alone.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { fetchError, JSON_HEADERS } from "./helpers.js";

test("mounted with app.all, reads, 304s, calls and the Origin rule work", async () => {
  const handler = createHandler({ routes });
  const app = new Hono();
  app.all("/api/mizan/*", (c) => handler(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const read = await fetch(`${origin}/api/mizan/ctx/catalog/?limit=1`);
    assert.is(read.status, 200);
    assert.is(await read.text(), '{"productCount":2,"products":[{"price":12,"sku":"mug","tags":["kitchen"],"title":"Mug"}]}');
    const again = await fetch(`${origin}/api/mizan/ctx/catalog/?limit=1`, { headers: { "if-none-match": read.headers.get("etag")! } });
    assert.is(again.status, 304);
    const call = (from: string) =>
      fetch(`${origin}/api/mizan/call/updateName/`, { method: "POST", headers: { ...JSON_HEADERS, origin: from }, body: JSON.stringify({ userId: 1, name: "Ada" }) });
    const own = await call(origin);
    assert.is(own.status, 200);
    assert.is(own.headers.get("x-mizan-invalidate"), "user.userProfile;userId=1");
    await fetchError(await call("https://evil.example"), "forbidden");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test.run();
