// invoke's arguments as the wire would carry them (runtime/server/invoke-args.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { withoutUndefinedKeys } from "../../runtime/server/invoke-args.js";

test("keys holding undefined are left out, and undefined elements made null, at every depth of plain objects and arrays", () => {
  const at = new Date(0);
  const value = { a: undefined, b: [{ c: undefined, d: 1 }, undefined], e: { f: { g: undefined } }, at };
  assert.equal(withoutUndefinedKeys(value), { b: [{ d: 1 }, null], e: { f: {} }, at });
  // What a call's body would carry, but the Date (handed on as a Date, not its string).
  const { at: _at, ...plain } = value;
  assert.equal(withoutUndefinedKeys(plain), JSON.parse(JSON.stringify(plain)));
  assert.is((withoutUndefinedKeys(value) as { at: Date }).at, at, "a Date is handed on as it is");
  assert.equal(value.b[0], { c: undefined, d: 1 }, "the given value is not changed");
});

test("nothing is copied when nothing is dropped; other objects are not entered", () => {
  const value = { a: 1, b: [1, { c: "x" }], d: null };
  assert.is(withoutUndefinedKeys(value), value);
  class Point {
    x: number | undefined = undefined;
  }
  const point = new Point();
  assert.is(withoutUndefinedKeys(point), point);
});

test("a `__proto__` key, as JSON.parse makes one, stays an own key and sets no prototype", () => {
  const value = JSON.parse('{"__proto__": {"admin": true}, "drop": null}') as Record<string, unknown>;
  value.drop = undefined;
  const kept = withoutUndefinedKeys(value) as Record<string, unknown>;
  assert.ok(Object.hasOwn(kept, "__proto__"));
  assert.is(Object.getPrototypeOf(kept), Object.prototype);
  assert.not.ok(Object.hasOwn(kept, "drop"));
  assert.is((kept as { admin?: unknown }).admin, undefined);
});

test("a cycle ends at the depth bound rather than the stack", () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.is(withoutUndefinedKeys(cyclic), cyclic);
});

test.run();
