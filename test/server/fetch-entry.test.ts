// The handler as a plain Fetch function (no node:http), its parity with the
// node:http entry, and toNodeListener serving a Fetch handler that is not
// Mizan's.
import http from "node:http";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, toNodeListener } from "mizan/server";
import { INVALIDATE_HEADER } from "mizan/protocol";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { closeAgent, fetchError, JSON_HEADERS, raw, serve, type Served } from "./helpers.js";

const handler = createHandler({ routes: shop, bodyLimit: 64 });
let served: Served;
test.before(async () => {
  served = await serve(handler);
});
test.after(async () => {
  closeAgent();
  await served.close();
});

const local = (path: string, init?: RequestInit) => handler(new Request(`http://app.example${path}`, init));

test("a Request in, a Response out: the same bytes and headers as over node:http", async () => {
  for (const path of ["/api/mizan/ctx/catalog/?limit=1", "/api/mizan/ctx/user/?userId=1", "/api/mizan/ctx/user/?userId=x", "/nope"]) {
    const direct = await local(path);
    const viaNode = await fetch(served.origin + path);
    assert.is(direct.status, viaNode.status, path);
    assert.is(await direct.text(), await viaNode.text(), path);
    for (const name of ["etag", "cache-control", "vary", "content-type"]) {
      assert.is(direct.headers.get(name), viaNode.headers.get(name), `${path} ${name}`);
    }
  }
});

test("calls through the Fetch entry: invalidation header, origin from the request URL, streamed body limit", async () => {
  const ok = await local("/api/mizan/call/updateName/", { method: "POST", headers: { ...JSON_HEADERS, origin: "http://app.example" }, body: '{"userId":1,"name":"A"}' });
  assert.is(ok.status, 200);
  assert.is(ok.headers.get(INVALIDATE_HEADER), "user.userProfile;userId=1");
  await fetchError(await local("/api/mizan/call/updateName/", { method: "POST", headers: { ...JSON_HEADERS, origin: "http://other.example" }, body: "{}" }), "forbidden");
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(`{"name":"${"x".repeat(100)}`));
      controller.close();
    },
  });
  await fetchError(await local("/api/mizan/call/updateName/", { method: "POST", headers: JSON_HEADERS, body: stream, duplex: "half" } as RequestInit), "payload_too_large");
});

test("HEAD and 304 through the Fetch entry have no body", async () => {
  const head = await local("/api/mizan/ctx/catalog/", { method: "HEAD" });
  assert.is(head.status, 200);
  assert.is(head.body, null);
  const etag = head.headers.get("etag")!;
  const cached = await local("/api/mizan/ctx/catalog/", { headers: { "if-none-match": etag } });
  assert.is(cached.status, 304);
  assert.is(cached.body, null);
});

test("a view path Response through the Fetch entry keeps its status and headers", async () => {
  const page = await local("/profile/1/");
  assert.is(page.status, 200);
  assert.is(page.headers.get("content-type"), "text/html");
  assert.match(await page.text(), "<h1>");
});

test("toNodeListener serves any Fetch handler: method, URL, headers, streamed body, status, cookies", async () => {
  const echo = async (request: Request): Promise<Response> => {
    const headers = new Headers({ "x-method": request.method, "x-url": request.url, "x-custom": request.headers.get("x-custom") ?? "" });
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    return new Response(request.body === null ? "no body" : await request.text(), { status: 201, headers });
  };
  const server = http.createServer(toNodeListener(echo));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const posted = await raw(port, { method: "POST", path: "/x?y=1", headers: { "x-custom": "v", "content-type": "text/plain" }, body: "payload" });
    assert.is(posted.status, 201);
    assert.is(posted.body, "payload");
    assert.is(posted.headers["x-method"], "POST");
    assert.is(posted.headers["x-url"], `http://127.0.0.1:${port}/x?y=1`);
    assert.is(posted.headers["x-custom"], "v");
    assert.equal(posted.headers["set-cookie"], ["a=1", "b=2"]);
    const got = await raw(port, { path: "/" });
    assert.is(got.body, "no body");
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test.run();
