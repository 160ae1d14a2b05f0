// View paths over real HTTP: served at their own route only, methods
// enforced, a Response passed through with only the invalidation header
// added, any other result sent as canonical JSON.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { INVALIDATE_HEADER, parseInvalidateHeader } from "mizan/protocol";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { closeAgent, JSON_HEADERS, raw, rawError, serve, type Served } from "./helpers.js";

let app: Served;
let other: Served;
const invalidated: unknown[] = [];

test.before(async () => {
  app = await serve(createHandler({ routes: shop, onInvalidate: (targets) => void invalidated.push(targets) }));
  other = await serve(
    createHandler({
      routes: cases,
      fallback: (request) => new Response(`fallback ${new URL(request.url).pathname}`, { status: 418, headers: { "x-own": "1" } }),
    }),
  );
});
test.after(async () => {
  closeAgent();
  await app.close();
  await other.close();
});

test("a returned Response passes through untouched: status, headers, body", async () => {
  for (const path of ["/profile/1/", "/profile/1"]) {
    const response = await fetch(app.origin + path);
    assert.is(response.status, 200, path);
    assert.is(response.headers.get("content-type"), "text/html");
    assert.is(response.headers.get("cache-control"), null);
    assert.is(response.headers.get(INVALIDATE_HEADER), null);
    assert.match(await response.text(), /^<h1>.+<\/h1>$/);
  }
});

test("route params and query are the arguments, read by the function's schema", async () => {
  const bad = await raw(app.port, { path: "/profile/abc/" });
  rawError(bad, "bad_request");
  const withQuery = await fetch(`${app.origin}/profile/2/?utm=x`);
  assert.is(withQuery.status, 200, "a view path's schema lets unrelated query keys through");
  rawError(await raw(app.port, { path: "/profile/%E0%A4%A/" }), "bad_request");
  // Its query string is held to the same: not read with U+FFFD in place of what was sent.
  assert.match(rawError(await raw(app.port, { path: "/profile/2/?utm=%E0%A4%A" }), "bad_request").message, /percent-encoding/);
});

test("a mutation view path: its Response keeps its status and body and gains the header", async () => {
  invalidated.length = 0;
  const response = await fetch(`${app.origin}/webhooks/stripe/`, {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify({ userId: 2, plan: "pro" }),
  });
  assert.is(response.status, 204);
  assert.is(response.headers.get(INVALIDATE_HEADER), "subscription");
  assert.is(await response.text(), "");
  assert.equal(invalidated, [["subscription"]]);
  const subscription = await (await fetch(`${app.origin}/api/mizan/ctx/subscription/?userId=2`)).json();
  assert.equal(subscription, { subscription: { plan: "pro", renewsAt: null } });
});

test("a webhook body need not be JSON: the function reads it itself", async () => {
  const response = await raw(app.port, {
    method: "POST",
    path: "/webhooks/stripe",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ userId: 1, plan: "free" }),
  });
  assert.is(response.status, 204);
  assert.is(response.headers[INVALIDATE_HEADER.toLowerCase()], "subscription");
});

test("a non-Response result is canonical JSON with no-store, scoped by the route param", async () => {
  const q = "a;b,c=d é";
  const response = await fetch(`${other.origin}/search/${encodeURIComponent(q)}/refresh/`, { method: "POST" });
  assert.is(response.status, 200);
  assert.is(response.headers.get("content-type"), "application/json");
  assert.is(response.headers.get("cache-control"), "no-store");
  assert.is(await response.text(), JSON.stringify({ refreshed: q }));
  assert.equal(parseInvalidateHeader(response.headers.get(INVALIDATE_HEADER)), [{ context: "search", params: { q } }]);
});

test("methods are enforced with Allow; HEAD follows GET", async () => {
  const post = await raw(app.port, { method: "POST", path: "/profile/1/" });
  rawError(post, "method_not_allowed");
  assert.is(post.headers.allow, "GET, HEAD");
  const get = await raw(app.port, { path: "/webhooks/stripe/" });
  rawError(get, "method_not_allowed");
  assert.is(get.headers.allow, "POST");
  const head = await raw(app.port, { method: "HEAD", path: "/profile/1/" });
  assert.is(head.status, 200);
  assert.is(head.body, "");
  assert.is(head.headers["content-type"], "text/html");
});

test("an unsafe method on a view path follows the Origin rule", async () => {
  const foreign = await raw(other.port, { method: "POST", path: "/search/x/refresh/", headers: { origin: "https://evil.example" } });
  rawError(foreign, "forbidden");
  const own = await raw(other.port, { method: "POST", path: "/search/x/refresh/", headers: { origin: other.origin } });
  assert.is(own.status, 200);
});

test("only the exact route: extra or missing segments are not the view path", async () => {
  for (const path of ["/profile/", "/profile/1/extra/", "/profile//", "/profile/1//"]) {
    rawError(await raw(app.port, { path }), "not_found");
  }
});

test("outside the base path, a configured fallback answers what matches no view path", async () => {
  const response = await fetch(`${other.origin}/static/app.js`);
  assert.is(response.status, 418);
  assert.is(response.headers.get("x-own"), "1");
  assert.is(await response.text(), "fallback /static/app.js");
  rawError(await raw(other.port, { path: "/api/mizan/nothing/" }), "not_found");
});

test.run();
