// Invalidation resolution from plans and actual arguments, without HTTP.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveTargets } from "../../runtime/server/invalidation.js";

test("all scope names present with scalar values: scoped", () => {
  assert.equal(resolveTargets([{ context: "user", scope: ["userId"] }], { userId: 5, name: "x" }), [{ context: "user", params: { userId: 5 } }]);
  assert.equal(resolveTargets([{ context: "f", scope: ["a", "b"] }], { a: "x", b: false }), [{ context: "f", params: { a: "x", b: false } }]);
});

test("any scope name absent, null, an array or an object: the whole context", () => {
  for (const args of [{}, { userId: null }, { userId: undefined }, { userId: [1] }, { userId: { id: 1 } }, null, undefined, "5"]) {
    assert.equal(resolveTargets([{ context: "user", scope: ["userId"] }], args), ["user"], JSON.stringify(args));
  }
  assert.equal(resolveTargets([{ context: "f", scope: ["a", "b"] }], { a: 1 }), ["f"], "no partial scoping");
});

test("a string with a lone surrogate (no URL carries one) scopes nothing: the whole context, in the body as in the header", () => {
  for (const value of ["\ud800", "a\udc00", "\udbff\ud800"]) {
    assert.equal(resolveTargets([{ context: "tree", scope: ["treeId"] }], { treeId: value }), ["tree"], JSON.stringify(value));
  }
  assert.equal(resolveTargets([{ context: "tree", scope: ["treeId"] }], { treeId: "\ud83d\ude80" }), [{ context: "tree", params: { treeId: "\ud83d\ude80" } }]);
});

test("function-level plans: scoped when they can be, {context, fn} when not", () => {
  assert.equal(resolveTargets([{ context: "user", fn: "userProfile", scope: ["userId"] }], { userId: 1 }), [
    { context: "user", fn: "userProfile", params: { userId: 1 } },
  ]);
  assert.equal(resolveTargets([{ context: "user", fn: "userProfile", scope: ["userId"] }], {}), [{ context: "user", fn: "userProfile" }]);
  assert.equal(resolveTargets([{ context: "user", fn: "userProfile", scope: [] }], {}), [{ context: "user", fn: "userProfile" }]);
});

test("a scope name is read as an own property only", () => {
  assert.equal(resolveTargets([{ context: "c", scope: ["toString"] }], {}), ["c"]);
  assert.equal(resolveTargets([{ context: "c", scope: ["__proto__"] }], JSON.parse('{"__proto__":"x"}')), [{ context: "c", params: Object.fromEntries([["__proto__", "x"]]) }]);
});

test("the list is normalized: a broad plan subsumes a scoped one of the same context", () => {
  assert.equal(
    resolveTargets([{ context: "user", scope: ["userId"] }, { context: "user", scope: [] }, { context: "a", scope: [] }], { userId: 1 }),
    ["a", "user"],
  );
  assert.equal(resolveTargets([], { userId: 1 }), []);
});

test.run();
