import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { canonicalJson, type ResultShape } from "mizan/protocol";

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

test("a result shape leaves out the keys its type does not declare, at every depth", () => {
  const user: ResultShape = { keys: { id: null, name: null, friends: { items: () => user } } };
  const row = { name: "Ada", id: 1, password: "x", friends: [{ id: 2, name: "Bo", token: "t", friends: [] }] };
  assert.is(canonicalJson(row, user), '{"friends":[{"friends":[],"id":2,"name":"Bo"}],"id":1,"name":"Ada"}');
  assert.is(canonicalJson(row), '{"friends":[{"friends":[],"id":2,"name":"Bo","token":"t"}],"id":1,"name":"Ada","password":"x"}');
});

test("a result shape: an index signature keeps every key, by its own shape; JSON.stringify's rules still hold", () => {
  const byId: ResultShape = { rest: { keys: { id: null } } };
  assert.is(canonicalJson({ b: { id: 2, x: 1 }, a: { id: 1 } }, byId), '{"a":{"id":1},"b":{"id":2}}');
  const mixed: ResultShape = { keys: { total: null }, rest: null };
  assert.is(canonicalJson({ total: 3, extra: { deep: 1 } }, mixed), '{"extra":{"deep":1},"total":3}');
  // toJSON's value is what the shape describes; a getter on the prototype is not own data.
  class Money {
    constructor(private readonly cents: number) {}
    toJSON() {
      return { cents: this.cents, currency: "EUR", secret: true };
    }
  }
  assert.is(canonicalJson({ price: new Money(5) }, { keys: { price: { keys: { cents: null, currency: null } } } }), '{"price":{"cents":5,"currency":"EUR"}}');
  class Row {
    id = 1;
    get label() {
      return "row";
    }
  }
  assert.is(canonicalJson(new Row(), { keys: { id: null, label: null } }), '{"id":1}');
  // Object.prototype's names are not declared keys, unless the type declares them.
  assert.is(canonicalJson(JSON.parse('{"constructor":1,"__proto__":2,"id":3}'), { keys: { id: null } }), '{"id":3}');
  assert.is(canonicalJson(JSON.parse('{"constructor":1,"__proto__":2,"id":3}'), { keys: { ["__proto__"]: null, id: null } }), '{"__proto__":2,"id":3}');
});

test("a result shape never drops what it does not describe: a scalar, or an array where it declares an object", () => {
  const shape: ResultShape = { keys: { id: null } };
  assert.is(canonicalJson("text", shape), '"text"');
  assert.is(canonicalJson([{ id: 1, x: 2 }], shape), '[{"id":1,"x":2}]');
  assert.is(canonicalJson({ id: 1, x: 2 }, { items: null }), '{"id":1,"x":2}');
  const cyclic: Record<string, unknown> = { id: 1 };
  cyclic.self = cyclic;
  const open: ResultShape = { keys: { id: null, self: () => open } };
  assert.throws(() => canonicalJson(cyclic, open), /cyclic/);
});

test("property: a shape that declares every key writes what no shape writes", () => {
  const everything = (value: unknown): ResultShape | null => {
    if (Array.isArray(value)) return { items: null };
    if (value === null || typeof value !== "object") return null;
    return { keys: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everything(v)])) };
  };
  fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value, everything(value)) === canonicalJson(value)));
});

test.run();
