// The prisma fixture's route table at run time: a generated client's types,
// declared under node_modules and recursive, validate at every depth.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { routes } from "../../fixtures/projects/prisma/expected/routes.js";

type Name = keyof typeof routes.functions;
const ok = (name: Name, value: unknown) => (routes.functions[name] as { args?: z.ZodType }).args!.safeParse(value).success;

test("*WhereInput filters nest through relations and AND/OR/NOT", () => {
  const where = {
    AND: [{ email: { contains: "@acme", mode: "insensitive" } }, { role: "ADMIN" }],
    OR: [{ name: null }, { name: { not: { startsWith: "x" } } }],
    posts: { some: { published: true, author: { is: { NOT: { id: { gt: 3 } } } } } },
    settings: { path: ["theme"], equals: { dark: true, sizes: [1, null] } },
    createdAt: { gt: "2026-01-01T00:00:00.000Z" },
  };
  assert.ok(ok("findUsers", { where, orderBy: { createdAt: "desc" }, take: 10 }));
  assert.not.ok(ok("findUsers", { where: { posts: { some: { author: { is: { role: "OWNER" } } } } } }));
  assert.not.ok(ok("findUsers", { where: { AND: [{ unknownField: 1 }] } }));
  assert.ok(ok("findPosts", { where: { author: { isNot: { posts: { none: { title: "x" } } } } } }));
});

test("a relation filter typed XOR<A, B> takes either side, or null, but never keys of both", () => {
  assert.ok(ok("findPosts", { where: { author: { is: { email: "a@b.c" } } } }));
  assert.ok(ok("findPosts", { where: { author: { email: "a@b.c", role: "ADMIN" } } }));
  assert.ok(ok("findPosts", { where: { author: null } }));
  assert.not.ok(ok("findPosts", { where: { author: { is: { email: "a@b.c" }, email: "a@b.c" } } }));
  assert.not.ok(ok("findPosts", { where: { author: { isNot: {}, posts: {} } } }));
});

test("Decimal and BigInt filters take what JSON can carry: a Decimal as its string or a number, a BigInt as a number", () => {
  assert.ok(ok("countVisits", { visits: { equals: 5, in: [1, 2] }, balance: { equals: "12.50", in: ["1.5", "2"], lt: 3 } }));
  assert.ok(ok("countVisits", { visits: { not: { not: 4 } }, balance: { in: [1, 2], not: { equals: "0" } } }));
  // DecimalJsLike's data without its method, and a bigint's digits as a string, are neither.
  assert.not.ok(ok("countVisits", { visits: {}, balance: { equals: { d: [1], e: 0, s: 1 } } }));
  assert.not.ok(ok("countVisits", { visits: { equals: "5" }, balance: {} }));
  assert.not.ok(ok("countVisits", { visits: {}, balance: { in: [1, "2"] } }), "an array of one member's kind");
  assert.ok(ok("createUser", { data: { email: "a@b.c", settings: {}, balance: "10.00" } }));
});

test("a unique input (AtLeast) needs one of its keys, present with its value", () => {
  assert.ok(ok("findUser", { where: { id: 1 } }));
  assert.ok(ok("findUser", { where: { email: "a@b.c", name: null } }));
  assert.ok(ok("findUser", { where: { id: 1, email: "a@b.c" } }));
  assert.not.ok(ok("findUser", { where: { name: "Ada" } }));
  assert.not.ok(ok("findUser", { where: {} }));
});

test("InputJsonValue takes any JSON but a top-level null; JsonValue results are unchecked data", () => {
  for (const settings of ["s", 1, true, [1, [null]], { a: { b: [null, "x"] } }]) {
    assert.ok(ok("saveSettings", { userId: 1, settings }), JSON.stringify(settings));
  }
  assert.not.ok(ok("saveSettings", { userId: 1, settings: null }));
  assert.ok(ok("createUser", { data: { email: "a@b.c", settings: { theme: "dark" }, role: "MEMBER" } }));
  assert.not.ok(ok("createUser", { data: { email: "a@b.c", settings: null } }));
});

test.run();
