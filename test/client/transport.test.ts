// The wire as PROTOCOL §3 spells it, the endpoint options and the error type.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configure, endpoint, fetchContext, MizanResponseError } from "mizan/client";
import { CALL_SEGMENT, CONTEXT_SEGMENT, INVALIDATE_KEY, RESULT_KEY } from "mizan/protocol";
import { fakeFetch, rejection } from "../support/fake-fetch.js";
import { shopClient } from "../support/shop-client.js";

test("a stub POSTs its named args as JSON to {base}/call/{fn}/ and resolves with the result", async () => {
  const fake = fakeFetch(() => ({ body: { [RESULT_KEY]: { id: 1, name: "Ada" } } }));
  const { updateProfile } = shopClient({ fetch: fake.fetch });
  assert.equal(await updateProfile(1, { name: "Ada" }), { id: 1, name: "Ada" });
  const [request] = fake.requests;
  assert.is(request!.method, "POST");
  assert.is(request!.url, `/api/mizan/${CALL_SEGMENT}/updateProfile/`);
  assert.is(request!.headers["content-type"], "application/json");
  assert.equal(request!.body, { userId: 1, patch: { name: "Ada" } });
});

test("an optional arg left undefined is absent from the body", async () => {
  const fake = fakeFetch(() => ({ body: { result: null, [INVALIDATE_KEY]: [] } }));
  const api = endpoint("/api/mizan/", { fetch: fake.fetch });
  await api.call("expire", { userId: undefined, all: false });
  assert.equal(fake.requests[0]!.body, { all: false });
  assert.is(fake.requests[0]!.url, "/api/mizan/call/expire/", "a trailing slash on the base path is not doubled");
});

test("in Node, a call with no origin configured says what to set instead of undici's URL error", async () => {
  const api = endpoint("/api/mizan");
  const error = await api.call("anything", {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, TypeError);
  assert.match((error as Error).message, "configure({origin})");
  assert.not.match((error as Error).message, "Failed to parse URL");
});

test("a context GET goes to {base}/ctx/{context}/ and resolves with the body", async () => {
  const fake = fakeFetch(() => ({ body: { productCount: 2, products: [] } }));
  const { contexts } = shopClient({ fetch: fake.fetch }, "/custom");
  assert.equal(await fetchContext(contexts.catalog, { limit: 5 }), { productCount: 2, products: [] });
  assert.is(fake.requests[0]!.url, `/custom/${CONTEXT_SEGMENT}/catalog/?limit=5`);
  assert.is(fake.requests[0]!.method, "GET");
});

test("origin, headers and credentials apply to every request", async () => {
  let token = "one";
  const fake = fakeFetch(() => ({ body: { result: 1 } }));
  const api = endpoint("/api/mizan", {
    fetch: fake.fetch,
    origin: "https://api.example.com",
    headers: () => ({ authorization: `Bearer ${token}` }),
    credentials: "include",
  });
  await api.call("f", {});
  token = "two";
  await fetchContext(api.context<{}, unknown>("c"));
  assert.equal(
    fake.requests.map((r) => [r.url, r.headers.authorization, r.init.credentials]),
    [
      ["https://api.example.com/api/mizan/call/f/", "Bearer one", "include"],
      ["https://api.example.com/api/mizan/ctx/c/", "Bearer two", "include"],
    ],
  );
  assert.is(fake.requests[0]!.headers["content-type"], "application/json", "extra headers do not replace the JSON type");
});

test("configure() sets defaults for every endpoint; an endpoint's own options win; the global fetch is read per request", async () => {
  const global = fakeFetch(() => ({ body: { result: "global" } }));
  const own = fakeFetch(() => ({ body: { result: "own" } }));
  const saved = globalThis.fetch;
  globalThis.fetch = global.fetch;
  try {
    const plain = endpoint("/api/mizan");
    const custom = endpoint("/api/mizan", { fetch: own.fetch, headers: { "x-own": "1" } });
    configure({ origin: "http://127.0.0.1:9", headers: { "x-default": "1" } });
    assert.is(await plain.call("f", {}), "global");
    assert.is(await custom.call("f", {}), "own");
    assert.is(global.requests[0]!.url, "http://127.0.0.1:9/api/mizan/call/f/");
    assert.is(global.requests[0]!.headers["x-default"], "1");
    assert.is(own.requests[0]!.url, "http://127.0.0.1:9/api/mizan/call/f/");
    assert.equal([own.requests[0]!.headers["x-own"], own.requests[0]!.headers["x-default"]], ["1", undefined]);
  } finally {
    globalThis.fetch = saved;
    configure({ origin: undefined, headers: undefined });
  }
});

test("an error body rejects with a MizanResponseError carrying status, code, message and issues", async () => {
  const issues = [{ path: ["patch", "email"], message: "Invalid email", code: "invalid_format" }];
  const fake = fakeFetch(() => ({ status: 400, body: { error: { code: "bad_request", message: "Invalid arguments", issues } } }));
  const { updateProfile } = shopClient({ fetch: fake.fetch });
  const error = (await rejection(updateProfile(1, { email: "no" }))) as MizanResponseError;
  assert.instance(error, MizanResponseError);
  assert.instance(error, Error);
  assert.is(error.name, "MizanResponseError");
  assert.is(error.status, 400);
  assert.is(error.code, "bad_request");
  assert.is(error.message, "Invalid arguments");
  assert.equal(error.issues, issues);
});

test("a non-2xx answer without an error body is an http_error", async () => {
  const fake = fakeFetch(() => ({ status: 502, body: "<html>Bad gateway</html>" }));
  const { contexts } = shopClient({ fetch: fake.fetch });
  const error = (await rejection(fetchContext(contexts.catalog))) as MizanResponseError;
  assert.instance(error, MizanResponseError);
  assert.is(error.status, 502);
  assert.is(error.code, "http_error");
  assert.is(error.message, "HTTP 502");
  assert.is(error.issues, undefined);
});

test("a 2xx answer whose body is not a JSON object (a static host's index.html fallback, an array) is an http_error, not a success", async () => {
  for (const body of ["<!doctype html><p>app</p>", "null", "5", "[1,2]", "[]"]) {
    const fake = fakeFetch(() => ({ status: 200, body }));
    const { contexts, updateProfile } = shopClient({ fetch: fake.fetch });
    const read = (await rejection(fetchContext(contexts.catalog))) as MizanResponseError;
    assert.instance(read, MizanResponseError, body);
    assert.equal([read.status, read.code, read.message], [200, "http_error", "HTTP 200"]);
    const called = (await rejection(updateProfile(1, { name: "Ada" }))) as MizanResponseError;
    assert.instance(called, MizanResponseError, body);
    assert.is(called.code, "http_error");
  }
});

test("a call's 2xx without its result (a gateway answering 200 with an error body) rejects with that error, not a success", async () => {
  const error = { code: "unauthorized", message: "session expired" };
  for (const body of [{ error }, {}, { invalidate: [] }]) {
    const fake = fakeFetch(() => ({ status: 200, body }));
    const called = (await rejection(shopClient({ fetch: fake.fetch }).updateProfile(1, { name: "Ada" }))) as MizanResponseError;
    assert.instance(called, MizanResponseError, JSON.stringify(body));
    const expected = "error" in body ? [200, error.code, error.message] : [200, "http_error", "HTTP 200"];
    assert.equal([called.status, called.code, called.message], expected);
  }
  // A result of null is a result.
  const fake = fakeFetch(() => ({ status: 200, body: { result: null } }));
  assert.is(await shopClient({ fetch: fake.fetch }).updateProfile(1, { name: "Ada" }), null);
});

test("a network failure rejects with the fetch's own error", async () => {
  const api = endpoint("/api/mizan", { fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
  const error = await rejection(api.call("f", {}));
  assert.instance(error, TypeError);
  assert.not.instance(error, MizanResponseError);
});

test("a context ref is a name and an endpoint, nothing else at run time", () => {
  const api = endpoint("/api/mizan");
  const ref = api.context<{ userId: number }, { a: 1 }>("user");
  assert.equal(Object.keys(ref).sort(), ["endpoint", "name"]);
  assert.is(ref.endpoint, api);
  assert.is(ref.name, "user");
  assert.is.not(endpoint("/api/mizan").id, api.id, "each endpoint is its own registry scope");
});

test.run();
