// POST {base}/call/{name}/ over real HTTP: validation, invalidation in body
// and header, and every refusal with its status and the error shape.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, type InvalidationInfo } from "mizan/server";
import { INVALIDATE_HEADER, INVALIDATE_KEY, parseInvalidateHeader, RESULT_KEY, type Target } from "mizan/protocol";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { routes as edges } from "../../fixtures/projects/type-edges/expected/routes.js";
import { closeAgent, fetchError, JSON_HEADERS, raw, rawError, serve, type Served } from "./helpers.js";

const emitted: { targets: readonly Target[]; info: InvalidationInfo<unknown> }[] = [];
const errors: { error: unknown; phase: string; name: string | undefined }[] = [];
let app: Served;
let other: Served;

test.before(async () => {
  app = await serve(
    createHandler({
      routes: shop,
      allowedOrigins: ["https://admin.example"],
      bodyLimit: 4096,
      authenticate: (request) => request.headers.get("authorization"),
      onInvalidate: (targets, info) => void emitted.push({ targets, info }),
      onError: (error, info) => void errors.push({ error, phase: info.phase, name: info.name }),
    }),
  );
  other = await serve(
    createHandler({
      routes: cases,
      authenticate: (request) => request.headers.get("authorization"),
      onError: (error, info) => void errors.push({ error, phase: info.phase, name: info.name }),
    }),
  );
});
test.after(async () => {
  closeAgent();
  await app.close();
  await other.close();
});

function call(served: Served, name: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${served.origin}/api/mizan/call/${name}/`, {
    method: "POST",
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The body's targets and the header's, which must say the same. */
async function invalidation(response: Response): Promise<{ body: Record<string, unknown>; targets: Target[] | undefined; header: string | null }> {
  assert.is(response.status, 200);
  assert.is(response.headers.get("cache-control"), "no-store");
  const body = (await response.json()) as Record<string, unknown>;
  const targets = body[INVALIDATE_KEY] as Target[] | undefined;
  const header = response.headers.get(INVALIDATE_HEADER);
  if (targets === undefined) assert.is(header, null);
  else {
    assert.ok(header !== null);
    const stringly = targets.map((t) =>
      typeof t === "string" ? t : { ...t, ...(t.params ? { params: Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, String(v)])) } : {}) },
    );
    assert.equal(parseInvalidateHeader(header), stringly);
  }
  return { body, targets, header };
}

test("auto-scoped by the actual argument: body and header carry the same target", async () => {
  const { body, targets, header } = await invalidation(await call(app, "updateProfile", { userId: 2, patch: { name: "Bea" } }));
  assert.equal(body[RESULT_KEY], { email: "brian@example.com", id: 2, name: "Bea", tier: "free" });
  assert.equal(targets, [{ context: "user", params: { userId: 2 } }]);
  assert.is(header, "user;userId=2");
});

test("the body is canonical JSON: keys sorted", async () => {
  const text = await (await call(app, "updateName", { name: "Ada", userId: 1 })).text();
  assert.is(text, '{"invalidate":[{"context":"user","fn":"userProfile","params":{"userId":1}}],"result":null}');
});

test("several plans: a broad context and a scoped one", async () => {
  const { targets, header } = await invalidation(await call(app, "notify", { userId: 1, text: "hi" }));
  assert.equal(targets, ["notifications", { context: "user", params: { userId: 1 } }]);
  assert.is(header, "notifications, user;userId=1");
});

test("a broad plan: the whole context", async () => {
  const product = { sku: "pen", title: "Pen", price: 2, tags: [] };
  const { targets, header } = await invalidation(await call(app, "addProduct", { product }));
  assert.equal(targets, ["catalog"]);
  assert.is(header, "catalog");
});

test("the hook is awaited before the response and told what ran", async () => {
  emitted.length = 0;
  await invalidation(await call(app, "updateProfile", { userId: 1, patch: {} }, { authorization: "ada" }));
  assert.is(emitted.length, 1);
  assert.equal(emitted[0]!.targets, [{ context: "user", params: { userId: 1 } }]);
  assert.is(emitted[0]!.info.name, "updateProfile");
  assert.is(emitted[0]!.info.source, "call");
  assert.is(emitted[0]!.info.user, "ada");
  assert.equal(emitted[0]!.info.args, { userId: 1, patch: {} });
  assert.is(emitted[0]!.info.request?.headers.get("authorization"), "ada");
});

test("twenty contexts invalidated at once, all scoped, header and body agree", async () => {
  const { targets, header } = await invalidation(await call(other, "touchShards", { shard: 7 }));
  const expected = Array.from({ length: 20 }, (_, i) => ({ context: `shard${String(i + 1).padStart(2, "0")}`, params: { shard: 7 } }));
  assert.equal(targets, expected);
  assert.is(header!.split(", ").length, 20);
  assert.is(header!.split(", ")[19], "shard20;shard=7");
});

test("special characters and non-ASCII in a scoped value: percent-encoded, parse back to the value", async () => {
  const values = ["a;b,c=d%e", "  spaced  ", 'quote"d\'s', "line\r\nbreak", "ünïcødé ✓ 日本 🎉", "x.y", "", "%41"];
  for (const q of values) {
    const { targets, header } = await invalidation(await call(other, "reindex", { q }));
    assert.equal(targets, [{ context: "search", params: { q } }], JSON.stringify(q));
    assert.not.match(header!, /[\x00-\x1f\x7f]/);
    assert.is(header!.split(";").length, 2, "exactly one raw ; (before the param)");
    assert.ok(!header!.slice("search;q=".length).match(/[;,= "\x00-\x1f\x7f]/), header!);
    assert.equal(parseInvalidateHeader(header), [{ context: "search", params: { q } }]);
  }
});

test("a scoped value too long for the 8 KiB header collapses that context to broad, in both places", async () => {
  const { targets, header } = await invalidation(await call(other, "reindex", { q: "日".repeat(3000) }));
  assert.equal(targets, ["search"]);
  assert.is(header, "search");
});

test("boolean scope values; array scope values fall back to the whole context", async () => {
  const flags = await invalidation(await call(other, "archive", { archived: true, id: 3 }));
  assert.equal(flags.targets, [{ context: "flags", params: { archived: true } }]);
  assert.is(flags.header, "flags;archived=true");
  const tagged = await invalidation(await call(other, "retag", { tags: ["a", "b"] }));
  assert.equal(tagged.targets, ["tagged"]);
});

test("a function-level plan with nothing to scope it: {context, fn}", async () => {
  const { body, targets, header } = await invalidation(await call(other, "rename", { name: "Ada" }, { authorization: "ada" }));
  assert.is(body[RESULT_KEY], null);
  assert.equal(targets, [{ context: "me", fn: "whoami" }]);
  assert.is(header, "me.whoami");
  const me = await fetch(`${other.origin}/api/mizan/ctx/me/`, { headers: { authorization: "ada" } });
  assert.is(await me.text(), '{"whoami":{"name":"Ada","user":"ada"}}');
});

test("concurrent mutations each get their own header", async () => {
  const ids = Array.from({ length: 40 }, (_, i) => i);
  const responses = await Promise.all(ids.map((i) => call(other, i % 2 ? "reindex" : "touchShards", i % 2 ? { q: `q-${i};` } : { shard: i })));
  for (const [i, response] of responses.entries()) {
    const { header } = await invalidation(response);
    if (i % 2) assert.is(header, `search;q=q-${i}%3B`);
    else assert.ok(header!.startsWith(`shard01;shard=${i}, shard02;shard=${i}, `), header!);
  }
});

test("Content-Type must be application/json (415), with or without a charset", async () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=latin1"]) {
    await fetchError(await call(app, "addProduct", "{}", { "content-type": type }), "unsupported_media_type");
  }
  rawError(await raw(app.port, { method: "POST", path: "/api/mizan/call/notify/", body: "{}" }), "unsupported_media_type");
  const ok = await call(app, "notify", { userId: 2, text: "x" }, { "content-type": "Application/JSON; charset=UTF-8" });
  assert.is(ok.status, 200);
});

test("Origin: own and allow-listed pass; absent passes; null and foreign are 403", async () => {
  const args = { userId: 2, text: "o" };
  assert.is((await call(app, "notify", args, { origin: app.origin })).status, 200);
  assert.is((await call(app, "notify", args, { origin: "https://admin.example" })).status, 200);
  assert.is((await call(app, "notify", args)).status, 200);
  await fetchError(await call(app, "notify", args, { origin: "null" }), "forbidden");
  await fetchError(await call(app, "notify", args, { origin: "https://evil.example" }), "forbidden");
  await fetchError(await call(app, "notify", args, { origin: "http://127.0.0.1:1" }), "forbidden");
});

test("Origin through the Fetch entry: the Host the client addressed is the server's own, when the URL names another (Next.js)", async () => {
  const handler = createHandler({ routes: shop });
  const request = (origin: string) =>
    new Request("http://localhost:3000/api/mizan/call/notify/", {
      method: "POST",
      headers: { ...JSON_HEADERS, host: "shop.example:8080", origin },
      body: JSON.stringify({ userId: 2, text: "o" }),
    });
  assert.is((await handler(request("http://shop.example:8080"))).status, 200);
  assert.is((await handler(request("http://localhost:3000"))).status, 200);
  await fetchError(await handler(request("https://shop.example:8080")), "forbidden");
  await fetchError(await handler(request("http://evil.example")), "forbidden");
});

test("a refused record key says why: the key's own check (a template literal's) is in the issue's message", async () => {
  const response = await createHandler({ routes: edges })(
    new Request("http://localhost/api/mizan/call/templates/", {
      method: "POST",
      headers: { ...JSON_HEADERS, origin: "http://localhost" },
      body: JSON.stringify({ order: "ord_1", size: "1px", version: "v1.2", flag: "on-true", byOrder: { other: 1 } }),
    }),
  );
  const error = await fetchError(response, "bad_request");
  assert.equal(error.issues, [{ path: ["byOrder", "other"], message: "Invalid key in record: Invalid string: must match `ord_${string}`", code: "invalid_key" }]);
});

test("a body over the limit is 413, whether declared or streamed", async () => {
  const big = JSON.stringify({ userId: 1, text: "x".repeat(5000) });
  await fetchError(await call(app, "notify", big), "payload_too_large");
  // Chunked: no Content-Length, the limit is enforced while reading.
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(1000)));
      controller.close();
    },
  });
  const response = await fetch(`${app.origin}/api/mizan/call/notify/`, { method: "POST", headers: JSON_HEADERS, body: stream, duplex: "half" } as RequestInit);
  await fetchError(response, "payload_too_large");
  // The connection still serves the next request.
  assert.is((await call(app, "notify", { userId: 1, text: "after" })).status, 200);
});

test("an empty body is no arguments; anything but a JSON object is 400", async () => {
  for (const empty of ["", "  \n"]) {
    const error = await fetchError(await call(app, "notify", empty), "bad_request");
    assert.is(error.message, "invalid arguments", "an empty body is read as {}");
  }
  for (const body of ["[]", "null", "3", '"x"', "{", "{'a':1}", "\u00ff"]) {
    await fetchError(await call(app, "notify", body), "bad_request");
  }
  const invalidUtf8 = await raw(app.port, { method: "POST", path: "/api/mizan/call/notify/", headers: JSON_HEADERS, body: Buffer.from([0x7b, 0xff, 0x7d]) });
  rawError(invalidUtf8, "bad_request");
});

test("wrong argument types and unknown arguments are 400 with issues", async () => {
  const wrong = await fetchError(await call(app, "notify", { userId: "1", text: "x" }), "bad_request");
  assert.equal((wrong.issues as { path: unknown[] }[])[0]!.path, ["userId"]);
  await fetchError(await call(app, "notify", { userId: 1, text: "x", extra: 1 }), "bad_request");
  await fetchError(await call(app, "notify", { userId: 1 }), "bad_request");
});

test("__proto__ and constructor keys never reach a prototype", async () => {
  const polluted = await fetchError(await call(app, "updateProfile", '{"userId":1,"patch":{"__proto__":{"admin":true}}}'), "bad_request");
  assert.equal(polluted.issues, [{ path: ["patch", "__proto__"], message: "the key __proto__ is not allowed", code: "unrecognized_keys" }]);
  await fetchError(await call(app, "updateProfile", '{"userId":1,"patch":{"\\u005f_proto__":{"admin":true}}}'), "bad_request");
  await fetchError(await call(app, "updateProfile", '{"userId":1,"constructor":{"prototype":{"admin":true}}}'), "bad_request");
  assert.is(({} as Record<string, unknown>).admin, undefined);
  assert.is((Object.prototype as Record<string, unknown>).admin, undefined);
});

test("a context read is not callable: 404 pointing at its ctx URL", async () => {
  const error = await fetchError(await call(app, "userProfile", { userId: 1 }), "not_found");
  assert.match(error.message, "/api/mizan/ctx/user/");
});

test("private functions are 403, view paths are 404 at /call/, unknown names 404", async () => {
  await fetchError(await call(app, "expireTrials", {}), "forbidden");
  await fetchError(await call(app, "stripeWebhook", {}), "forbidden");
  const view = await fetchError(await call(app, "profilePage", { userId: "1" }), "not_found");
  assert.match(view.message, "/profile/:userId/");
  for (const name of ["nope", "constructor", "__proto__", "toString", "valueOf"]) {
    await fetchError(await call(app, name, {}), "not_found");
  }
});

test("GET and other methods on /call/ are 405 with Allow: POST", async () => {
  for (const method of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]) {
    const response = await raw(app.port, { method, path: "/api/mizan/call/notify/" });
    assert.is(response.status, 405, method);
    assert.is(response.headers.allow, "POST");
    if (method !== "HEAD") rawError(response, "method_not_allowed");
  }
});

test("a thrown server bug is a generic 500: no exception text, reported to onError, no invalidation", async () => {
  errors.length = 0;
  const response = await call(other, "explode", {});
  assert.is(response.headers.get(INVALIDATE_HEADER), null);
  const error = await fetchError(response, "internal");
  assert.is(error.message, "internal server error");
  assert.is(errors.length, 1);
  assert.is(errors[0]!.phase, "run");
  assert.is(errors[0]!.name, "explode");
  assert.match(String(errors[0]!.error), "hunter2");
  const shopBug = await call(app, "updateProfile", { userId: 999, patch: {} });
  const text = await shopBug.text();
  assert.is(shopBug.status, 500);
  assert.not.match(text, "999");
  assert.not.match(text, "at ");
});

test.run();
