import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { makeTarget, normalizeTargets, targetListSchema, targetMatches, type Target } from "mizan/protocol";
import { crowdedTarget, permuted, target } from "./arbitraries.js";

test("normal form: JSON forms, deduplicated, subsumed by broad, sorted by context, fn, params", () => {
  const list: Target[] = [
    { context: "user", params: { userId: 5 } },
    "notifications",
    { context: "user", params: { userId: 5 } },
    { context: "search", params: { q: "b" } },
    { context: "search", params: { q: "a" } },
    { context: "user", fn: "userProfile", params: { userId: 5 } },
    { context: "user", fn: "userOrders" },
    { context: "notifications", params: { userId: 1 } },
  ];
  assert.equal(normalizeTargets(list), [
    "notifications",
    { context: "search", params: { q: "a" } },
    { context: "search", params: { q: "b" } },
    { context: "user", params: { userId: 5 } },
    { context: "user", fn: "userOrders" },
  ]);
});

test("values compare as strings: 5 and \"5\" are one target", () => {
  assert.equal(normalizeTargets([{ context: "u", params: { id: "5" } }, { context: "u", params: { id: 5 } }]).length, 1);
});

test("a separator inside a name or value never merges two different targets", () => {
  const a = { context: "c", params: { a: "b=c" } };
  const b = { context: "c", params: { "a=b": "c" } };
  const c = { context: "c", params: { x: "1\u00012", y: "3" } };
  const d = { context: "c", params: { x: "1", "2": "", y: "3" } };
  assert.is(normalizeTargets([a, b]).length, 2);
  assert.is(normalizeTargets([c, d]).length, 2);
});

test("a param named __proto__ stays a param", () => {
  const params = Object.fromEntries([["__proto__", "x"]]);
  const [made] = normalizeTargets([makeTarget("c", undefined, params)]);
  assert.equal(Object.keys((made as { params: object }).params), ["__proto__"]);
});

test("makeTarget: broad without fn and params", () => {
  assert.is(makeTarget("user"), "user");
  assert.equal(makeTarget("user", "userProfile"), { context: "user", fn: "userProfile" });
  assert.equal(makeTarget("user", undefined, { b: 1, a: 2 }), { context: "user", params: { a: 2, b: 1 } });
});

test("matching: broad hits every instance; scoped compares as strings; arrays match by member", () => {
  assert.ok(targetMatches("user", "user", { userId: 1 }));
  assert.not.ok(targetMatches("user", "other", {}));
  assert.ok(targetMatches({ context: "user", params: { userId: "1" } }, "user", { userId: 1 }));
  assert.not.ok(targetMatches({ context: "user", params: { userId: 2 } }, "user", { userId: 1 }));
  // An instance without the param (an optional filter left out) holds every value of it.
  assert.ok(targetMatches({ context: "user", params: { userId: 2 } }, "user", {}));
  assert.ok(targetMatches({ context: "user", params: { userId: 1, status: "pending" } }, "user", { userId: 1 }));
  assert.not.ok(targetMatches({ context: "user", params: { userId: 1, status: "pending" } }, "user", { userId: 1, status: "shipped" }));
  assert.ok(targetMatches({ context: "tagged", params: { tags: "a" } }, "tagged", { tags: ["b", "a"] }));
  assert.ok(targetMatches({ context: "user", fn: "userProfile" }, "user", { userId: 3 }));
});

test("property: normalizing is idempotent", () => {
  fc.assert(fc.property(fc.array(fc.oneof(target, crowdedTarget), { maxLength: 12 }), (list) => {
    const once = normalizeTargets(list);
    assert.equal(normalizeTargets(once), once);
  }), { numRuns: 500 });
});

test("property: normalizing does not depend on the input order", () => {
  fc.assert(fc.property(permuted(fc.oneof(crowdedTarget, crowdedTarget, target)), ([list, shuffled]) => {
    assert.equal(normalizeTargets(shuffled), normalizeTargets(list));
  }), { numRuns: 1000 });
});

test("property: the normal form is valid per the zod schema and covers every input target", () => {
  fc.assert(fc.property(fc.array(crowdedTarget, { maxLength: 12 }), (list) => {
    const normal = normalizeTargets(list);
    assert.ok(targetListSchema.safeParse(normal).success);
    // Whatever an input target would refetch, the normal form refetches too.
    for (const instance of [{ p: 1 }, { p: "x", q: true }, { q: 2 }, {}]) {
      for (const context of ["a", "b", "c"]) {
        if (list.some((t) => targetMatches(t, context, instance))) assert.ok(normal.some((t) => targetMatches(t, context, instance)));
      }
    }
  }), { numRuns: 500 });
});

test.run();
