// handler.invoke: server code (a cron job) runs a function, private ones
// included, and its invalidation reaches the same hooks as a call's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, MizanHttpError, type Handler } from "mizan/server";
import { INVALIDATE_KEY, RESULT_KEY, type Target } from "mizan/protocol";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { routes as typeZoo } from "../../fixtures/projects/type-zoo/expected/routes.js";

const first: { targets: readonly Target[]; source: string; user: unknown }[] = [];
const second: (readonly Target[])[] = [];
const handler = createHandler({
  routes: shop,
  onInvalidate: [
    async (targets, info) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      first.push({ targets, source: info.source, user: info.user });
    },
    (targets) => void second.push(targets),
  ],
});

test("a private cron function: scoped when its argument is given, broad when it is absent", async () => {
  first.length = 0;
  const scoped = await handler.invoke("expireTrials", { userId: 1 });
  assert.equal(scoped[INVALIDATE_KEY], [{ context: "subscription", params: { userId: 1 } }]);
  assert.type(scoped[RESULT_KEY], "number");
  const broad = await handler.invoke("expireTrials", {});
  assert.equal(broad[INVALIDATE_KEY], ["subscription"]);
  const none = await handler.invoke("expireTrials");
  assert.equal(none[INVALIDATE_KEY], ["subscription"]);
  assert.equal(first.map((e) => e.targets), [[{ context: "subscription", params: { userId: 1 } }], ["subscription"], ["subscription"]]);
  assert.equal(first.map((e) => e.source), ["invoke", "invoke", "invoke"]);
});

test("args may be left out only when the function needs none (checked by the build's type check)", async () => {
  // Every argument optional, or none at all: args may be left out.
  await handler.invoke("expireTrials");
  const hook = new Request("http://localhost/webhooks/stripe/", { method: "POST", body: JSON.stringify({ userId: 3, plan: "free" }) });
  await handler.invoke("stripeWebhook", undefined, { request: hook });
  // @ts-expect-error updateName needs userId and name
  await handler.invoke("updateName").catch(() => undefined);
  // @ts-expect-error name is required
  await handler.invoke("updateName", { userId: 1 }).catch(() => undefined);
  // A name that may be either: args may be left out only if neither needs them.
  const either = (name: "expireTrials" | "updateName") =>
    // @ts-expect-error one of the two needs arguments
    handler.invoke(name);
  await either("updateName").catch(() => undefined);
  const done = await handler.invoke("updateName", { userId: 1, name: "Ada" }, { user: 1 });
  assert.equal(done[INVALIDATE_KEY], [{ context: "user", fn: "userProfile", params: { userId: 1 } }]);
});

test("a recursive type's arguments are typed as the method receives them (checked by the build's type check)", async () => {
  const zoo = createHandler({ routes: typeZoo });
  const tree = { value: 1, children: [{ value: 2, children: [] }] };
  const done = await zoo.invoke("recursive", { tree, json: { list: [1, "two", null] } });
  assert.equal(done[INVALIDATE_KEY], ["zoo"]);
  // @ts-expect-error a child without its children
  await zoo.invoke("recursive", { tree: { value: 1, children: [{ value: 2 }] }, json: null }).catch(() => undefined);
  // @ts-expect-error a Json holds no undefined
  await zoo.invoke("recursive", { tree, json: { list: [undefined] } }).catch(() => undefined);
});

test("invoke leaves out a key holding undefined, as a call's JSON body does, without changing the caller's value", async () => {
  // Typed loosely, as code compiled without exactOptionalPropertyTypes may pass it.
  const zoo: Handler = createHandler({ routes: typeZoo });
  const line = { sku: "a", qty: 1, options: undefined };
  const order = { lines: [line, { sku: "b", qty: 2, options: { gift: true } }], at: new Date(0) };
  const done = await zoo.invoke("nested", { order });
  assert.equal(done[INVALIDATE_KEY], ["zoo"]);
  assert.ok(Object.hasOwn(line, "options"), "the caller's object keeps its key");
  // An optional tuple element given undefined is an absent one, as a call's JSON (a null at the end) reads.
  const tuples = await zoo.invoke("tuples", { point: [1, 2, undefined], path: ["a", 1], pair: [true, "x"] });
  assert.equal(tuples[INVALIDATE_KEY], ["zoo"]);
  // A key the type does not declare is refused all the same.
  const refused = await zoo.invoke("nested", { order: { ...order, extra: 1 } }).catch((error: unknown) => error);
  assert.instance(refused, MizanHttpError);
});

test("a Handler typed without its Routes takes any name and any arguments, checked at run time", async () => {
  const untyped: Handler = handler;
  const done = await untyped.invoke("updateName", { userId: 1, name: "Ada" }, { user: 1 });
  assert.equal(done[INVALIDATE_KEY], [{ context: "user", fn: "userProfile", params: { userId: 1 } }]);
  const result: unknown = done[RESULT_KEY];
  assert.is(result, undefined);
  await untyped.invoke("expireTrials");
  try {
    await untyped.invoke("updateName", { userId: "one" });
    assert.unreachable("should throw");
  } catch (error) {
    assert.is((error as MizanHttpError).code, "bad_request");
  }
});

test("every subscriber is awaited before invoke resolves", async () => {
  first.length = 0;
  second.length = 0;
  await handler.invoke("notify", { userId: 2, text: "cron" }, { user: "system" });
  assert.is(first.length, 1);
  assert.is(second.length, 1);
  assert.is(first[0]!.user, "system");
  assert.equal(second[0], ["notifications", { context: "user", params: { userId: 2 } }]);
});

test("wrong arguments throw a MizanHttpError bad_request with issues", async () => {
  try {
    await handler.invoke("expireTrials", { userId: "one" } as never);
    assert.unreachable("should throw");
  } catch (error) {
    assert.instance(error, MizanHttpError);
    assert.is((error as MizanHttpError).code, "bad_request");
    assert.is((error as MizanHttpError).status, 400);
    assert.equal((error as MizanHttpError).issues![0]!.path, ["userId"]);
  }
});

test("unknown names and context reads are refused", async () => {
  // Untyped on purpose: these names are not invokable, which the types also say.
  const untyped = handler.invoke as (name: string, args: unknown) => Promise<unknown>;
  for (const name of ["nope", "userProfile", "constructor"]) {
    try {
      await untyped(name, {});
      assert.unreachable(name);
    } catch (error) {
      assert.instance(error, MizanHttpError);
      assert.is((error as MizanHttpError).code, "not_found");
    }
  }
});

test("the function's own error reaches the caller; nothing is invalidated", async () => {
  const other = createHandler({ routes: cases, onInvalidate: () => assert.unreachable("no invalidation on failure") });
  try {
    await other.invoke("explode", {});
    assert.unreachable("should throw");
  } catch (error) {
    assert.match(String(error), "hunter2");
  }
});

test("req.request is the given request, and reading it without one says so", async () => {
  const request = new Request("http://localhost/webhooks/stripe/", { method: "POST", body: JSON.stringify({ userId: 2, plan: "free" }) });
  const done = await handler.invoke("stripeWebhook", {}, { request });
  assert.instance(done[RESULT_KEY], Response);
  assert.equal(done[INVALIDATE_KEY], ["subscription"]);
  try {
      await handler.invoke("stripeWebhook", {});
    assert.unreachable("should throw");
  } catch (error) {
    assert.match(String(error), "invoke was given no request");
  }
});

test("a failing subscriber is reported, the others still run, and invoke still resolves", async () => {
  const reported: string[] = [];
  let ran = false;
  const failing = createHandler({
    routes: shop,
    onInvalidate: [
      () => {
        throw new Error("purge failed");
      },
      () => {
        ran = true;
      },
    ],
    onError: (error, info) => void reported.push(`${info.phase}:${info.name}:${String(error)}`),
  });
  const out = await failing.invoke("expireTrials", {});
  assert.equal(out[INVALIDATE_KEY], ["subscription"]);
  assert.ok(ran);
  assert.equal(reported, ["invalidation:expireTrials:Error: purge failed"]);
});

test("createHandler refuses a misconfiguration at once", () => {
  assert.throws(() => createHandler({ routes: shop, allowedOrigins: ["not an origin"] }), /allowedOrigins/);
  assert.throws(() => createHandler({ routes: shop, allowedOrigins: ["null"] }), /allowedOrigins/);
  assert.throws(() => createHandler({ routes: shop, bodyLimit: -1 }), /bodyLimit/);
  assert.throws(() => createHandler({ routes: shop, publicCache: { contexts: { user: { sMaxAge: 1 } } } }), /no psr context/);
  assert.throws(() => createHandler({ routes: shop, publicCache: { sMaxAge: 1.5 } }), /whole number/);
  assert.throws(() => createHandler({ routes: shop, basePath: "api" }), /basePath/);
  assert.throws(() => createHandler({ routes: { ...shop, version: 2 } as never }), /version 1/);
});

test.run();
