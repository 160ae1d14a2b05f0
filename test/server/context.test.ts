// GET {base}/ctx/{context}/ over real HTTP, against the shop's and the
// server-cases' generated route tables.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { routes as zoo } from "../../fixtures/projects/type-zoo/expected/routes.js";
import { closeAgent, fetchError, raw, rawError, serve, type Served } from "./helpers.js";

let app: Served;
let other: Served;

test.before(async () => {
  app = await serve(createHandler({ routes: shop, authenticate: (request) => request.headers.get("authorization") }));
  other = await serve(
    createHandler({
      routes: cases,
      authenticate: (request) => request.headers.get("authorization")?.replace(/^Bearer /, "") ?? null,
      publicCache: { sMaxAge: 120, staleWhileRevalidate: 30, contexts: { search: { sMaxAge: 5 } } },
    }),
  );
});
test.after(async () => {
  closeAgent();
  await app.close();
  await other.close();
});

const get = (served: Served, path: string, headers: Record<string, string> = {}) => fetch(served.origin + path, { headers });

test("a bundle is the canonical JSON of every function of the context", async () => {
  const response = await get(app, "/api/mizan/ctx/user/?userId=1");
  assert.is(response.status, 200);
  assert.is(response.headers.get("content-type"), "application/json");
  const text = await response.text();
  assert.is(
    text,
    '{"userOrders":[{"id":10,"placedAt":"2026-01-02T03:04:05.000Z","status":"shipped","total":42.5}],' +
      '"userProfile":{"email":"ada@example.com","id":1,"name":"Ada","tier":"pro"}}',
  );
});

test("an entity instance sends its own data, as its generated type says: no accessor, method or ES private field; toJSON's value for a value with one", async () => {
  const response = await createHandler({ routes: zoo })(new Request("http://localhost/api/mizan/ctx/articles/?articleId=3"));
  assert.is(response.status, 200);
  assert.is(
    await response.text(),
    '{"article":{"id":3,"publishedAt":null,"tags":[{"id":1,"label":"news"}],"title":"Hello World"},' +
      '"document":{"_id":"a3","title":"Hello World"},"price":"3.05"}',
  );
});

test("library-declared shapes: a recursive openapi schema, an alias-lost row, a model sent as its generic toJSON's attributes", async () => {
  const response = await createHandler({ routes: zoo })(new Request("http://localhost/api/mizan/ctx/libraries/?companyId=3"));
  assert.is(response.status, 200);
  assert.is(
    await response.text(),
    '{"company":{"kind":"Company","legalName":"c3","parent":{"kind":"Company","legalName":"holding"}},' +
      '"person":{"id":3,"name":"Ada"},"project":{"createdAt":"1970-01-01T00:00:00.000Z","id":3}}',
  );
  const call = (createdAt: unknown) =>
    createHandler({ routes: zoo })(
      new Request("http://localhost/api/mizan/call/startProject/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ createdAt }),
      }),
    );
  assert.is((await call("2026-01-02T03:04:05.000Z")).status, 200);
  assert.is((await call("not a date")).status, 400);
});

test("query values are coerced by their declared types", async () => {
  const limited = await (await get(app, "/api/mizan/ctx/catalog/?limit=1")).json();
  assert.equal(limited, { productCount: 2, products: [{ price: 12, sku: "mug", tags: ["kitchen"], title: "Mug" }] });
  const shipped = await (await get(app, "/api/mizan/ctx/user/?userId=1&status=pending")).json();
  assert.equal(shipped.userOrders, []);
  for (const [value, expected] of [["true", "[]"], ["1", "[]"], ["false", "[]"], ["0", "[]"]] as const) {
    const response = await get(other, `/api/mizan/ctx/flags/?archived=${value}`);
    assert.is(response.status, 200, value);
    assert.is(await response.text(), `{"flags":${expected}}`);
  }
});

test("repeated keys make an array parameter; a single value is an array of one", async () => {
  assert.is(await (await get(other, "/api/mizan/ctx/tagged/?tags=a&tags=b%2Cc&page=2")).text(), '{"tagged":["a@2","b,c@2"]}');
  assert.is(await (await get(other, "/api/mizan/ctx/tagged/?tags=solo")).text(), '{"tagged":["solo@1"]}');
});

test("missing, unknown and ill-typed parameters are 400 with zod issues", async () => {
  const missing = await fetchError(await get(app, "/api/mizan/ctx/user/"), "bad_request");
  assert.equal((missing.issues as { path: unknown[] }[])[0]!.path, ["userId"]);
  // What was expected, not zod's "expected string" of the text a query holds.
  assert.is((missing.issues as { message: string }[])[0]!.message, "Invalid input: expected number, received nothing");
  const unknown = await fetchError(await get(app, "/api/mizan/ctx/user/?userId=1&admin=1"), "bad_request");
  assert.ok(JSON.stringify(unknown.issues).includes("admin"));
  await fetchError(await get(app, "/api/mizan/ctx/user/?userId=one"), "bad_request");
  await fetchError(await get(app, "/api/mizan/ctx/user/?userId=1&userId=2"), "bad_request");
  await fetchError(await get(app, "/api/mizan/ctx/user/?userId=1&status=lost"), "bad_request");
  await fetchError(await get(other, "/api/mizan/ctx/flags/?archived=yes"), "bad_request");
  await fetchError(await get(other, "/api/mizan/ctx/tagged/?tags=a&page=x"), "bad_request");
  await fetchError(await get(app, "/api/mizan/ctx/catalog/?__proto__=1"), "bad_request");
});

test("a query string that is not percent-encoded UTF-8 is a 400, not a value with U+FFFD in it", async () => {
  for (const query of ["tag=%E0%A4%A", "tag=%zz", "tag=100%", "limit=2&tag=%C3"]) {
    const error = await fetchError(await get(app, `/api/mizan/ctx/catalog/?${query}`), "bad_request");
    assert.match(error.message, /percent-encoding/, query);
  }
  assert.is((await get(app, "/api/mizan/ctx/catalog/?tag=caf%C3%A9%2525")).status, 200);
});

test("the same query in another order gives a byte-identical body and the same ETag", async () => {
  const a = await get(app, "/api/mizan/ctx/catalog/?tag=kitchen&limit=5");
  const b = await get(app, "/api/mizan/ctx/catalog/?limit=5&tag=kitchen");
  assert.is(await a.text(), await b.text());
  assert.is(a.headers.get("etag"), b.headers.get("etag"));
  const c = await get(other, "/api/mizan/ctx/tagged/?page=3&tags=x&tags=y");
  const d = await get(other, "/api/mizan/ctx/tagged/?tags=x&page=3&tags=y");
  assert.is(await c.text(), await d.text());
  assert.is(c.headers.get("etag"), d.headers.get("etag"));
});

test("a strong ETag; If-None-Match answers 304 with the caching headers and no body", async () => {
  const first = await get(app, "/api/mizan/ctx/catalog/");
  const etag = first.headers.get("etag")!;
  assert.match(etag, /^"[^"]+"$/);
  for (const condition of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
    const again = await get(app, "/api/mizan/ctx/catalog/", { "if-none-match": condition });
    assert.is(again.status, 304, condition);
    assert.is(again.headers.get("etag"), etag);
    assert.is(again.headers.get("cache-control"), first.headers.get("cache-control"));
    assert.is(await again.text(), "");
  }
  const changed = await get(app, "/api/mizan/ctx/catalog/", { "if-none-match": '"stale"' });
  assert.is(changed.status, 200);
  const dynamic = await get(app, "/api/mizan/ctx/user/?userId=2");
  const notModified = await get(app, "/api/mizan/ctx/user/?userId=2", { "if-none-match": dynamic.headers.get("etag")! });
  assert.is(notModified.status, 304);
  assert.is(notModified.headers.get("vary"), "Authorization, Cookie");
  assert.is(notModified.headers.get("cache-control"), "private, no-cache");
});

test("psr: public with s-maxage and stale-while-revalidate, never max-age, no Vary on identity", async () => {
  const response = await get(app, "/api/mizan/ctx/catalog/");
  assert.is(response.headers.get("cache-control"), "public, s-maxage=60, stale-while-revalidate=60");
  assert.is(response.headers.get("vary"), null);
  assert.not.match(response.headers.get("cache-control")!, /max-age=0/);
});

test("psr settings: handler-wide and per-context overrides", async () => {
  const shard = await get(other, "/api/mizan/ctx/shard01/?shard=1");
  assert.is(shard.headers.get("cache-control"), "public, s-maxage=120, stale-while-revalidate=30");
  const search = await get(other, "/api/mizan/ctx/search/?q=x");
  assert.is(search.headers.get("cache-control"), "public, s-maxage=5, stale-while-revalidate=30");
});

test("dynamic_cached: private, no-cache with Vary: Authorization, Cookie; never public or s-maxage", async () => {
  for (const path of ["/api/mizan/ctx/user/?userId=1", "/api/mizan/ctx/notifications/", "/api/mizan/ctx/subscription/?userId=1"]) {
    const response = await get(app, path);
    assert.is(response.status, 200, path);
    assert.is(response.headers.get("cache-control"), "private, no-cache");
    assert.is(response.headers.get("vary"), "Authorization, Cookie");
  }
});

test("an auth-dependent context gives each user their own body and ETag", async () => {
  const ada = await get(other, "/api/mizan/ctx/me/", { authorization: "Bearer ada" });
  const bob = await get(other, "/api/mizan/ctx/me/", { authorization: "Bearer bob" });
  const nobody = await get(other, "/api/mizan/ctx/me/");
  assert.is(await ada.text(), '{"whoami":{"name":null,"user":"ada"}}');
  assert.is(await bob.text(), '{"whoami":{"name":null,"user":"bob"}}');
  assert.is(await nobody.text(), '{"whoami":{"name":null,"user":null}}');
  assert.is.not(ada.headers.get("etag"), bob.headers.get("etag"));
  assert.is(ada.headers.get("cache-control"), "private, no-cache");
});

test("a psr context is served without calling authenticate", async () => {
  let calls = 0;
  const served = await serve(
    createHandler({
      routes: shop,
      authenticate: () => {
        calls += 1;
        return "someone";
      },
    }),
  );
  try {
    assert.is((await get(served, "/api/mizan/ctx/catalog/")).status, 200);
    assert.is(calls, 0);
    assert.is((await get(served, "/api/mizan/ctx/notifications/")).status, 200);
    assert.is(calls, 1);
  } finally {
    await served.close();
  }
});

test("trailing slash optional; HEAD answers the headers without a body", async () => {
  const bare = await get(app, "/api/mizan/ctx/catalog?limit=1");
  const slash = await get(app, "/api/mizan/ctx/catalog/?limit=1");
  assert.is(await bare.text(), await slash.text());
  const head = await raw(app.port, { method: "HEAD", path: "/api/mizan/ctx/catalog/?limit=1" });
  assert.is(head.status, 200);
  assert.is(head.body, "");
  assert.is(head.headers.etag, slash.headers.get("etag"));
});

test("POST and other methods on /ctx/ are 405 with Allow", async () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
    const response = await raw(app.port, { method, path: "/api/mizan/ctx/catalog/" });
    rawError(response, "method_not_allowed");
    assert.is(response.headers.allow, "GET, HEAD");
  }
});

test("unknown contexts and names that only exist on Object.prototype are 404", async () => {
  for (const name of ["nope", "constructor", "__proto__", "toString", "hasOwnProperty", "%E0%A4%A", "user/extra"]) {
    rawError(await raw(app.port, { path: `/api/mizan/ctx/${name}/?userId=1` }), "not_found");
  }
  rawError(await raw(app.port, { path: "/api/mizan/ctx/" }), "not_found");
  rawError(await raw(app.port, { path: "/api/mizan/elsewhere/user/" }), "not_found");
  rawError(await raw(app.port, { path: "/nothing/here" }), "not_found");
});

test("a path starting with // stays a path: the request's own origin comes from Host", async () => {
  const response = await raw(app.port, {
    method: "POST",
    path: "//evil.example/api/mizan/call/notify/",
    headers: { "content-type": "application/json", origin: "http://evil.example" },
    body: "{}",
  });
  rawError(response, "not_found");
});

test.run();
