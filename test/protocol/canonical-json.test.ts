import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { canonicalJson } from "mizan/protocol";

/** The same value with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reversedKeys((value as Record<string, unknown>)[key])]));
}

test("keys sorted at every depth, no whitespace", () => {
  assert.is(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x y" } }), '{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}');
});

test("JSON.stringify's value rules: toJSON, undefined dropped in objects and null in arrays, non-finite null", () => {
  assert.is(canonicalJson({ d: new Date("2026-01-02T03:04:05.000Z"), u: undefined, f: () => 1 }), '{"d":"2026-01-02T03:04:05.000Z"}');
  assert.is(canonicalJson([undefined, NaN, Infinity, -0]), "[null,null,null,0]");
  assert.is(canonicalJson(undefined), "null");
  assert.is(canonicalJson("\u2028\"\\"), JSON.stringify("\u2028\"\\"));
});

test("toJSON is called once, as JSON.stringify does", () => {
  const self = { toJSON() { return this; }, b: 1, a: 2 };
  assert.is(canonicalJson(self), '{"a":2,"b":1}');
});

test("a cyclic value or a bigint throws instead of writing something wrong", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => canonicalJson(cyclic), /cyclic/);
  assert.throws(() => canonicalJson({ n: 1n }), /bigint/);
  const shared = { x: 1 };
  assert.is(canonicalJson([shared, shared]), '[{"x":1},{"x":1}]', "a repeated (not cyclic) object is fine");
});

test("property: key order does not change the text", () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value) === canonicalJson(reversedKeys(value))));
});

test("property: the text parses back to the same value, and is its own canonical form", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.equal(JSON.parse(text), value);
      assert.is(canonicalJson(JSON.parse(text)), text);
    }),
  );
});

test("property: same text as JSON.stringify of a sorted copy", () => {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) Object.defineProperty(out, key, { value: sorted((value as Record<string, unknown>)[key]), enumerable: true });
    return out;
  };
  // Integer-like keys are always enumerated first by JS, so keep to keys that are not.
  const key = fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  })).value;
  fc.assert(fc.property(json, (value) => canonicalJson(value) === JSON.stringify(sorted(value))));
});

test.run();
