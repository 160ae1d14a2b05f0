// The generated schemas at run time: the type zoo's route table accepts the
// values its TypeScript types allow and rejects the others, reads query
// strings as the declared types, and turns wire dates into Dates.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { routes } from "../../fixtures/projects/type-zoo/expected/routes.js";

type Name = keyof typeof routes.functions;
const args = (name: Name) => (routes.functions[name] as { args?: z.ZodType }).args!;
const ok = (name: Name, value: unknown) => args(name).safeParse(value).success;

test("recursive types validate at every depth", () => {
  const tree = { value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }] };
  assert.ok(ok("recursive", { tree, json: { a: [1, "x", null, { b: true }] } }));
  const broken = { value: 1, children: [{ value: 2, children: [{ value: "3", children: [] }] }] };
  assert.not.ok(ok("recursive", { tree: broken, json: null }));
  assert.not.ok(ok("recursive", { tree, json: { a: undefined, b: () => 1 } }));
});

test("a recursive type that lost its alias (a conditional DeepPartial) validates at every depth", () => {
  assert.ok(ok("patchTree", { patch: { children: [{ children: [{ value: 3 }] }] } }));
  assert.ok(ok("patchTree", { patch: {} }));
  assert.not.ok(ok("patchTree", { patch: { children: [{ children: [{ value: "3" }] }] } }));
});

test("tuples with optional and rest elements", () => {
  assert.ok(ok("tuples", { point: [1, 2], path: ["a", 1, 2, 3], pair: [true, "x"] }));
  assert.ok(ok("tuples", { point: [1, 2, "label"], path: ["a"], pair: [false, ""] }));
  assert.not.ok(ok("tuples", { point: [1], path: ["a"], pair: [true, "x"] }));
  assert.not.ok(ok("tuples", { point: [1, 2], path: ["a", "b"], pair: [true, "x"] }));
});

test("dates arrive as ISO strings and reach the function as Dates", () => {
  const parsed = args("nested").parse({ order: { lines: [{ sku: "mug", qty: 1 }], at: "2026-01-02T03:04:05.000Z" } }) as {
    order: { at: Date };
  };
  assert.instance(parsed.order.at, Date);
  assert.is(parsed.order.at.toISOString(), "2026-01-02T03:04:05.000Z");
  assert.not.ok(ok("nested", { order: { lines: [], at: "yesterday" } }));
});

test("nullable and optional are different things", () => {
  assert.ok(ok("nullable", { note: null }));
  assert.ok(ok("nullable", { note: "x", count: null, tags: ["a"] }));
  assert.not.ok(ok("nullable", {}), "a nullable parameter is still required");
  assert.not.ok(ok("nullable", { note: "x", extra: 1 }), "unknown keys are rejected");
});

test("utility types: Record with literal keys, index signatures, Pick, Partial<Omit>", () => {
  const value = {
    settings: { theme: "dark", lang: "en" },
    counts: { a: 1, b: 2 },
    summary: { id: "u1", name: "Ada" },
    draft: { name: "Ada", born: "1815-12-10T00:00:00.000Z" },
  };
  assert.ok(ok("utilityTypes", value));
  assert.not.ok(ok("utilityTypes", { ...value, settings: { theme: "dark" } }), "Record<'theme' | 'lang'> needs both");
  assert.not.ok(ok("utilityTypes", { ...value, counts: { a: "1" } }));
  assert.not.ok(ok("utilityTypes", { ...value, draft: { id: "x" } }), "Omit removed id");
});

test("the context query reads strings as the declared types", () => {
  const query = routes.contexts.zoo.query;
  const parsed = query.parse({ id: "u1", color: "red", priority: "1", mode: "fast", flag: "0" });
  assert.equal(parsed, { id: "u1", color: "red", priority: 1, mode: "fast", flag: false });
  assert.not.ok(query.safeParse({ id: "u1", color: "blue", priority: "1", mode: "fast" }).success);
  assert.not.ok(query.safeParse({ id: "u1", color: "red", priority: "2", mode: "fast" }).success);
  assert.not.ok(query.safeParse({ id: "u1", color: "red", priority: "1", mode: "fast", flag: "yes" }).success);
  assert.not.ok(query.safeParse({ id: "u1", color: "red", priority: "1", mode: "fast", extra: "x" }).success);
});

test.run();
