// The generated schemas of the type-edges fixture at run time: each case
// accepts what its TypeScript type allows and rejects the rest, never
// wider (template literals by a regular expression), never narrower
// (`{}` takes strings, `object` takes arrays, an `unknown` argument may be
// left out).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { canonicalJson } from "mizan/protocol";
import type { ShapeRef } from "mizan/server";
import { routes } from "../../fixtures/projects/type-edges/expected/routes.js";

type Name = keyof typeof routes.functions;
const args = (name: Name) => (routes.functions[name] as { args?: z.ZodType }).args!;
const ok = (name: Name, value: unknown) => args(name).safeParse(value).success;
/** What the server writes of a function's value. */
const sent = async (name: Name) => {
  const fn = routes.functions[name] as unknown as { result?: ShapeRef; run: (req: null, args: object) => Promise<unknown> };
  return canonicalJson(await fn.run(null, { many: true }), fn.result);
};

test("a recursive type holding a brand and an enum validates at every depth", () => {
  const thread = { author: "u1", status: "open", replies: [{ author: "u2", status: "closed", replies: [] }] };
  assert.ok(ok("thread", { thread }));
  assert.not.ok(ok("thread", { thread: { ...thread, replies: [{ author: "u2", status: "archived", replies: [] }] } }));
});

test("a required key typed T | undefined may be absent (JSON drops undefined) and reads as undefined", () => {
  const parsed = args("patch").parse({ patch: {}, owners: ["u1"] }) as { patch: object; owners: readonly string[] };
  assert.is((parsed.patch as { note?: string }).note, undefined);
  assert.ok(ok("patch", { patch: { note: "n", title: "t" }, owners: [] }));
  assert.not.ok(ok("patch", { patch: { note: 1 }, owners: [] }));
  assert.ok(Object.isFrozen(parsed.owners), "a readonly array stays readonly");
});

test("an array element typed T | undefined, which JSON sends as null, reads as undefined; null stays refused elsewhere", () => {
  const sent = JSON.parse(JSON.stringify({ given: { slots: ["dark", undefined], last: "light", current: undefined, range: [1] } }));
  assert.equal(sent.given, { slots: ["dark", null], last: "light", range: [1] });
  // Parsed although `current` (required, its named type holding undefined) is absent on the wire.
  const parsed = args("slots").parse(sent) as { given: { slots: unknown[]; current?: unknown } };
  assert.equal(parsed.given.slots, ["dark", undefined]);
  assert.is(parsed.given.current, undefined);
  assert.ok(ok("slots", { given: { slots: [undefined], range: [1] } }), "an in-process value (invoke) keeps its undefined");
  assert.not.ok(ok("slots", { given: { slots: [], last: null, range: [1] } }), "a property's undefined is an absent key, never null");
  assert.not.ok(ok("slots", { given: { slots: [], current: null, range: [1] } }));
  assert.not.ok(ok("slots", { given: { slots: ["grey"], range: [1] } }));
});

test("an optional tuple element a client gave undefined, which JSON sends as null at the tuple's end, reads as absent", () => {
  // A client without exactOptionalPropertyTypes may pass `[1, undefined]` for `[number, number?]`.
  const sent = JSON.parse(JSON.stringify({ given: { slots: [], range: [1, undefined] } })) as { given: { range: unknown[] } };
  assert.equal(sent.given.range, [1, null]);
  const parsed = args("slots").parse(sent) as { given: { range: number[] } };
  assert.equal(parsed.given.range, [1], "absent, as the server's code under exactOptionalPropertyTypes may be handed");
  assert.ok(ok("slots", { given: { slots: [], range: [1, 2] } }));
  assert.not.ok(ok("slots", { given: { slots: [], range: [null] } }), "a required element is never absent");
  assert.not.ok(ok("slots", { given: { slots: [], range: [1, 2, null] } }), "no position past the tuple's");
  // Several optional elements: nulls at the end are absent, one before a value stays refused.
  const sorted = (order: unknown[]) => args("sorted").safeParse({ order });
  assert.equal(sorted(["name", "asc", null]).data, { order: ["name", "asc"] });
  assert.equal(sorted(["name", null, null]).data, { order: ["name"] });
  assert.not.ok(sorted(["name", null, "open"]).success);
});

test("a this: parameter is not a wire parameter", () => {
  assert.ok(ok("self", { name: "x" }));
  assert.not.ok(ok("self", { name: "x", this: {} }));
});

test("template literal types are checked exactly", () => {
  const value = { order: "ord_1", size: "12px", version: "v1.2", flag: "on-true", byOrder: { ord_a: 1 } };
  assert.ok(ok("templates", value));
  assert.ok(ok("templates", { ...value, order: "ord_", size: "-1.5e3px", version: "v0x1F.0" }));
  for (const [key, bad] of [
    ["order", "ORD_1"],
    ["order", "xord_1"],
    ["size", "px"],
    ["size", "12 px"],
    ["size", "abcpx"],
    ["version", "v1"],
    ["version", "v1.x"],
    ["flag", "on-maybe"],
    ["byOrder", { other: 1 }],
  ] as const) {
    assert.not.ok(ok("templates", { ...value, [key]: bad }), `${key}: ${JSON.stringify(bad)}`);
  }
});

test("a template literal's refusal names the type as declared, not its regular expression", () => {
  const value = { order: "x", size: "12 px", version: "v1.2", flag: "on-true", byOrder: { ord_a: 1, other: 2 } };
  const result = args("templates").safeParse(value);
  assert.not.ok(result.success);
  const messages = result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).sort();
  assert.equal(messages, [
    "byOrder.other: Invalid key in record",
    "order: Invalid string: must match `ord_${string}`",
    "size: Invalid string: must match `${number}px`",
  ]);
  const accented = args("accented").safeParse({ label: "cafe_1" });
  assert.is(accented.error!.issues[0]!.message, "Invalid string: must match `café_${string}`");
  assert.ok(ok("accented", { label: "café_1" }));
  const keys = args("numericKeys").safeParse({ byIndex: { a: "b" } });
  assert.ok(JSON.stringify(keys.error!.issues).includes("must match `number`"), JSON.stringify(keys.error!.issues));
});

test("a numeric index signature takes number keys only", () => {
  assert.ok(ok("numericKeys", { byIndex: { 0: "a", "12": "b", "1.5": "c" } }));
  assert.not.ok(ok("numericKeys", { byIndex: { a: "b" } }));
  assert.not.ok(ok("numericKeys", { byIndex: { 0: 1 } }));
});

test("{} takes any value but null and undefined; object takes objects and arrays", () => {
  for (const anything of ["s", 0, false, [], {}, { a: 1 }]) assert.ok(ok("loose", { anything, record: {}, list: [] }), JSON.stringify(anything));
  assert.not.ok(ok("loose", { anything: null, record: {}, list: [] }));
  assert.not.ok(ok("loose", { record: {}, list: [] }));
  assert.ok(ok("loose", { anything: 1, record: [1, 2], list: [[], {}] }));
  assert.not.ok(ok("loose", { anything: 1, record: "s", list: [] }));
  assert.not.ok(ok("loose", { anything: 1, record: {}, list: [1] }));
});

test("an unknown or any argument may be left out", () => {
  assert.ok(ok("untyped", { tag: "t" }));
  assert.ok(ok("untyped", { value: null, other: [1], tag: "t" }));
  assert.not.ok(ok("untyped", {}), "the string is still required");
});

test("a tuple in a union, nullable or optional, is a tuple: neither dropped nor refused", () => {
  assert.ok(ok("tuples", { point: { at: [48.85, 2.35] }, path: ["a", 1, 2], pair: [1, 2] }));
  assert.ok(ok("tuples", { point: {}, path: null, pair: "p" }));
  assert.not.ok(ok("tuples", { point: { at: [1] }, path: null, pair: "p" }));
  assert.not.ok(ok("tuples", { point: {}, path: [1], pair: "p" }));
  assert.not.ok(ok("tuples", { point: {}, path: null, pair: [1, "2"] }));
});

test("a union of objects with a literal key reports the issues of the member the value names", () => {
  const issues = (value: unknown) => args("tagged").safeParse(value).error?.issues.map((i) => [i.path.join("."), i.message]);
  const event = { type: "deleted", id: "e1" };
  assert.ok(ok("tagged", { shape: { kind: "circle", radius: 1 }, event }));
  assert.ok(ok("tagged", { shape: null, event: { type: "updated", id: "e2" } }));
  assert.equal(issues({ shape: { kind: "circle", radius: "1" }, event }), [["shape.radius", "Invalid input: expected number, received string"]]);
  assert.equal(issues({ shape: null, event: { type: "deleted", id: "e1", reason: 5 } }), [["event.reason", "Invalid input: expected string, received number"]]);
  assert.equal(issues({ shape: { kind: "oval" }, event })?.map(([path]) => path), ["shape.kind"]);
  // Recursive: a member bound to a z.lazy still names its own issue.
  assert.ok(ok("chain", { shape: { kind: "leaf", label: "a", next: { kind: "pair", weight: 2, next: null } } }));
  const chain = args("chain").safeParse({ shape: { kind: "pair", weight: 1, next: { kind: "leaf", label: 3, next: null } } });
  assert.equal(chain.error?.issues.map((i) => i.path.join(".")), ["shape.next.label"]);
});

test("a result's union is sent by the member a value is: an array or an object, a member told apart by a literal key", async () => {
  // `SafeAccount | SafeAccount[] | null`, the rows holding a password.
  assert.is(await sent("accounts"), '[{"id":1}]');
  const single = routes.functions.accounts as { result?: ShapeRef };
  assert.is(canonicalJson({ id: 1, password: "pw" }, single.result), '{"id":1}');
  // `(Person | Robot)[]` told apart by `kind`; `Person | Robot | SafeAccount` cannot be (SafeAccount has no kind): every member's keys.
  assert.is(await sent("people"), '{"first":{"email":"private","kind":"user","name":"u","serial":7},"list":[{"kind":"user","name":"u"}]}');
  const people = (routes.functions.people as { result?: ShapeRef }).result;
  const list = (robots: object[]) => canonicalJson({ list: robots, first: null }, people);
  assert.is(list([{ kind: "robot", serial: 1, name: "r", email: "e" }]), '{"first":null,"list":[{"kind":"robot","serial":1}]}');
  assert.is(list([{ kind: "owner", serial: 1, name: "o", email: "e" }]), '{"first":null,"list":[{"email":"e","kind":"owner","name":"o"}]}');
  // A tag no member has (a value its type does not allow) is written by every member's keys together.
  assert.is(list([{ kind: "constructor", serial: 1, id: 2 }]), '{"first":null,"list":[{"kind":"constructor","serial":1}]}');
});

test("a tuple's elements are sent each by its own position's type; past a tuple without a rest element, nothing", async () => {
  assert.is(
    await sent("pairs"),
    '{"inline":[{"a":1},{"b":2}],"pair":[{"id":1},{"kind":"robot","serial":7}],"rest":[{"id":1},{"kind":"robot","serial":7},{"kind":"robot","serial":7}]}',
  );
  const pairs = (routes.functions.pairs as { result?: ShapeRef }).result;
  const row = { id: 1, password: "pw", kind: "robot", serial: 7 };
  assert.is(canonicalJson({ pair: [row, row, row], rest: [], inline: [row, row] }, pairs), '{"inline":[{},{}],"pair":[{"id":1},{"kind":"robot","serial":7}],"rest":[]}');
});

test("a tuple of scalars, or an empty one, sends no position past its type's either", async () => {
  const tuples = (routes.functions.tuples as { result?: ShapeRef }).result;
  assert.ok(tuples, "[number, number] has a result shape");
  assert.is(canonicalJson([1, 2, "secret"], tuples), "[1,2]");
  // What routes.ts has for `Promise<[]>`.
  const empty = { elements: [] } as unknown as ShapeRef;
  assert.is(canonicalJson(["secret"], empty), "[]");
});

test.run();
