// Edge cases of the declaration rules, one line each: a project's source and
// the diagnostics it must give (see expectDiagnostics). A conflict between
// two declarations names the other one as its related location.
import { test } from "uvu";
import { rmSync } from "node:fs";
import { join } from "node:path";
import * as assert from "uvu/assert";
import { apiFile, expectDiagnostics, generateProject, tempProject } from "../support/compiler.js";

const read = (name: string, params = "id: string") => `  @client({ context: Shelf })\n  static async ${name}(${params}): Promise<string> { return ""; }`;

test("a requireUser the build cannot know is MZ1003", () => {
  expectDiagnostics(apiFile("  @client({ requireUser: flag })\n  static async act(id: string): Promise<void> {}", "const flag: boolean = Math.random() > 0.5;"), [
    "src/api.ts:4:26 MZ1003 `requireUser` is not known at build time",
  ]);
});

test("an option built on a name that does not resolve is MZ2008, saying why, not MZ1003", () => {
  const files = {
    ...apiFile(
      "  @client({ context: Moved })\n  static async a(): Promise<number> { return 1; }\n  @client({ affects: [Renamed, Ghost.handle] })\n  static async b(): Promise<void> {}",
      'import { Moved } from "./contexts-moved/contexts.js";\nimport { Renamed } from "./contexts.js";',
    ),
    "src/contexts.ts": 'import { defineContext } from "mizan";\nexport const Kept = defineContext("kept");\n',
  };
  expectDiagnostics(files, [
    'src/api.ts:5:22 MZ2008 the context does not resolve: `Moved` is imported from "./contexts-moved/contexts.js", which is not found',
    'src/api.ts:7:23 MZ2008 the `affects` target does not resolve: "./contexts.js" exports no `Renamed`',
    "src/api.ts:7:32 MZ2008 the `affects` target does not resolve: `Ghost` is not found",
  ]);
});

test("MZ2008 for an option names the export asked for, through a namespace, an import alias and a re-export", () => {
  const files = {
    ...apiFile(
      "  @client({ affects: [C.Gone, Local, Again, N.Inner.Gone, Starred] })\n  static async b(): Promise<void> {}",
      'import * as C from "./contexts.js";\nimport { Gone as Local } from "./contexts.js";\nimport { Moved as Again } from "./reexport.js";\nimport * as N from "./nested.js";\nimport { Starred } from "./nested.js";',
    ),
    "src/contexts.ts": 'import { defineContext } from "mizan";\nexport const Kept = defineContext("kept");\n',
    "src/reexport.ts": 'export { Moved } from "./moved-away.js";\n',
    "src/nested.ts": 'export * as Inner from "./contexts.js";\nexport * from "./gone-too.js";\n',
  };
  expectDiagnostics(files, [
    'src/api.ts:8:23 MZ2008 the `affects` target does not resolve: "./contexts.js" exports no `Gone`',
    'src/api.ts:8:31 MZ2008 the `affects` target does not resolve: "./contexts.js" exports no `Gone`',
    'src/api.ts:8:38 MZ2008 the `affects` target does not resolve: `Moved` is re-exported from "./moved-away.js", which is not found',
    'src/api.ts:8:45 MZ2008 the `affects` target does not resolve: "./contexts.js" exports no `Gone`',
    'src/api.ts:8:59 MZ2008 the `affects` target does not resolve: "./nested.js" exports no `Starred` (its `export *` from "./gone-too.js" is not found)',
  ]);
});

test("MZ2008 through a namespace re-export of a missing module, an element access, and a chain of export *", () => {
  const files = {
    ...apiFile(
      '  @client({ affects: [N.Gone.X, N["Gone"].X, Deep, N["Inner"].Missing] })\n  static async b(): Promise<void> {}',
      'import * as N from "./nested.js";\nimport { Deep } from "./chain.js";',
    ),
    "src/contexts.ts": 'import { defineContext } from "mizan";\nexport const Kept = defineContext("kept");\n',
    "src/nested.ts": 'export * as Gone from "./gone.js";\nexport * as Inner from "./contexts.js";\n',
    "src/chain.ts": 'export * from "./middle.js";\n',
    "src/middle.ts": 'export * from "./contexts.js";\nexport * from "./vanished.js";\n',
  };
  expectDiagnostics(files, [
    'src/api.ts:5:23 MZ2008 the `affects` target does not resolve: `Gone` is re-exported from "./gone.js", which is not found',
    'src/api.ts:5:33 MZ2008 the `affects` target does not resolve: `Gone` is re-exported from "./gone.js", which is not found',
    'src/api.ts:5:46 MZ2008 the `affects` target does not resolve: "./chain.js" exports no `Deep` (its `export *` from "./middle.js" leads to `export *` from "./vanished.js", which is not found)',
    'src/api.ts:5:52 MZ2008 the `affects` target does not resolve: "./contexts.js" exports no `Missing`',
  ]);
});

test("a query parameter typed by an alias that holds undefined itself is a query parameter, as the same type written out is", () => {
  expectDiagnostics(
    apiFile(
      "  @client({ context: Shelf })\n  static async a(s?: Sort | undefined): Promise<string> { return String(s); }\n  @client({ context: Shelf })\n  static async b(s?: MaybeSort): Promise<string> { return String(s); }\n  @client({ context: Shelf })\n  static async c(s: MaybeSort): Promise<string> { return String(s); }",
      'export const Shelf = defineContext("shelf");\ntype Sort = "asc" | "desc";\ntype MaybeSort = Sort | undefined;',
    ),
    [],
  );
});

test("a call's argument typed by an alias that holds undefined may be left out, as `Sort | undefined` may", () => {
  const dir = tempProject(apiFile("  @client()\n  static async pick(s: MaybeSort, t: Sort | undefined, n: number): Promise<void> {}", 'type Sort = "asc" | "desc";\ntype MaybeSort = Sort | undefined;'));
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const params = generation.ir.functions.find((f) => f.name === "pick")!.params;
    assert.equal(params.map((p) => [p.name, p.optional]), [["s", true], ["t", true], ["n", false]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("options in parentheses, `as const`, `satisfies`, `!` or an assertion are read from the literal inside", () => {
  const members = [
    "  @client(({ context: O }))\n  static async r1(): Promise<number> { return 1; }",
    "  @client({ context: O } as const)\n  static async r2(): Promise<number> { return 1; }",
    "  @client({ affects: O } satisfies Parameters<typeof client>[0])\n  static async m1(): Promise<void> {}",
    '  @client({ affects: ["r1"] }!)\n  static async m2(): Promise<void> {}',
    '  @client(<ClientOptions>{ affects: ["r2"] as const, requireUser: false satisfies boolean })\n  static async m3(): Promise<void> {}',
  ].join("\n");
  const prelude = 'import type { ClientOptions } from "mizan";\nexport const O = defineContext("o", ({ viewUrls: ["/o/"] as const }) satisfies { viewUrls: readonly string[] });';
  const dir = tempProject(apiFile(members, prelude));
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const fn = (name: string) => generation.ir.functions.find((f) => f.name === name)!;
    assert.equal([fn("r1").context, fn("r2").context], ["o", "o"]);
    assert.equal(["m1", "m2", "m3"].map((n) => fn(n).affects.map((a) => [a.context, a.fn])), [[["o", null]], [["o", "r1"]], [["o", "r2"]]]);
    assert.is(fn("m3").requireUser, false);
    assert.equal(generation.ir.contexts[0]!.pageRoutes, ["/o/"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a class the route table cannot import is MZ1002, saying why: exported as a type only, in a namespace or a function, a class expression", () => {
  const ping = "  @client()\n  static async ping(n: number): Promise<number> { return n; }";
  const files = {
    "src/types.ts": `import { client } from "mizan";\nclass A {\n${ping.replace("ping", "a")}\n}\nexport type { A };\nclass B {\n${ping.replace("ping", "b")}\n}\nexport { type B };\n`,
    "src/c.ts": `import { client } from "mizan";\nclass C {\n${ping.replace("ping", "c")}\n}\nexport type { C };\n`,
    "src/forms.ts":
      `import { client } from "mizan";\nexport namespace Api.V1 {\n  export namespace Deep {\n    export class Inner {\n${ping.replace("ping", "inner")}\n    }\n  }\n}\n` +
      `export const Expr = class {\n${ping.replace("ping", "expr")}\n};\nexport function make() {\n  return class Local {\n${ping.replace("ping", "local")}\n  };\n}\n` +
      `export function hold() {\n  class Held {\n${ping.replace("ping", "held")}\n  }\n  return Held;\n}\n`,
  };
  expectDiagnostics(files, [
    "src/c.ts:3:3 MZ1002 class `C` is exported as a type only (`export type`), so there is no value to import",
    "src/forms.ts:5:3 MZ1002 class `Inner` is declared inside namespace `Api.V1.Deep`, where the route table cannot import it from",
    "src/forms.ts:11:3 MZ1002 the class of this method is a class expression (`Expr = class { … }`), which the route table cannot import: only a class declaration is",
    "src/forms.ts:16:3 MZ1002 the class of this method is a class expression (`class { … }`), which the route table cannot import: only a class declaration is",
    "src/forms.ts:22:3 MZ1002 class `Held` is declared inside a function, where the route table cannot import it from",
    "src/types.ts:3:3 MZ1002 class `A` is exported as a type only (`export type`), so there is no value to import",
    "src/types.ts:8:3 MZ1002 class `B` is exported as a type only (`export type`), so there is no value to import",
  ]);
});

test("a method named like client.ts's `contexts` export is MZ1010", () => {
  expectDiagnostics(apiFile("  @client()\n  static async contexts(): Promise<void> {}"), ["src/api.ts:5:16 MZ1010 the method has the reserved name `contexts`"]);
});

test("a method named `then`, `eval`, `arguments` or `__proto__` is MZ1010: the generated files could not hold it", () => {
  const names = ["then", "eval", "arguments", "__proto__"];
  expectDiagnostics(
    apiFile(names.map((n) => `  @client()\n  static async ${n}(x: number): Promise<number> { return x; }`).join("\n")),
    names.map((n, i) => `src/api.ts:${5 + 2 * i}:16 MZ1010 the method has the reserved name \`${n}\``),
  );
});

test("an overloaded method is MZ1012: the stub and the table would take the implementation's signature", () => {
  const over = "  static async over(x: string): Promise<string>;\n  static async over(x: number): Promise<number>;\n  @client()\n  static async over(x: string | number): Promise<string | number> { return x; }";
  // An instance method of the same name overloads nothing static.
  const single = "  one(x: string): string;\n  one(x: string) { return x; }\n  @client()\n  static async one(x: string): Promise<string> { return x; }";
  expectDiagnostics(apiFile(`${over}\n${single}`), ["src/api.ts:7:16 MZ1012 `over` is declared with overload signatures: the route table and client.ts would take the implementation's signature, which no caller can call"]);
});

test("a function declared twice is MZ1005, related to the first", () => {
  expectDiagnostics({ ...apiFile("  @client()\n  static async act(): Promise<void> {}"), "src/other.ts": 'import { client } from "mizan";\nexport class Other {\n  @client()\n  static async act(): Promise<void> {}\n}\n' }, [
    'src/other.ts:3:3 MZ1005 function "act" is already declared at src/api.ts:4:3 (related: src/api.ts:4:3 the first function "act")',
  ]);
});

test("a context defined twice is MZ3004, related to the first", () => {
  expectDiagnostics(apiFile("", 'export const A = defineContext("shelf");\nexport const B = defineContext("shelf");'), [
    'src/api.ts:3:32 MZ3004 context "shelf" is already defined at src/api.ts:2:32 (related: src/api.ts:2:32 the first context "shelf")',
  ]);
});

test("a context parameter with two types is MZ2003, related to the first", () => {
  expectDiagnostics(apiFile(`${read("a")}\n${read("b", "id: number")}`, 'export const Shelf = defineContext("shelf");'), [
    'src/api.ts:7:18 MZ2003 parameter "id" of context "shelf" is `number` here and `string` in "a" (related: src/api.ts:5:18 parameter "id" as "a" declares it)',
  ]);
});

test("a context parameter typed by an alias in one function and written out in another is one parameter, not MZ2003", () => {
  const prelude = 'export const Shelf = defineContext("shelf");\ntype Sort = "asc" | "desc";\ntype Sorts = Sort[];\nenum Order { Asc = "asc", Desc = "desc" }';
  expectDiagnostics(apiFile(`${read("a", "order: Sort, tags: Sorts")}\n${read("b", 'order: "desc" | "asc", tags: ("asc" | "desc")[]')}\n${read("c", "order: Order")}`, prelude), []);
  // Other values are still another type.
  expectDiagnostics(apiFile(`${read("a", "order: Sort")}\n${read("b", 'order: "asc" | "up"')}`, prelude), [
    'src/api.ts:10:18 MZ2003 parameter "order" of context "shelf" is `"asc" | "up"` here and `Sort` in "a" (related: src/api.ts:8:18 parameter "order" as "a" declares it)',
  ]);
});

test("two view paths on one route and method are MZ4003, related to the first", () => {
  const view = (name: string) => `  @client({ route: "/page/:id/", methods: ["GET"] })\n  static async ${name}(id: string): Promise<Response> { return new Response(id); }`;
  expectDiagnostics(apiFile(`${view("a")}\n${view("b")}`), [
    'src/api.ts:6:20 MZ4003 GET /page/:id/ is also served by "a" at src/api.ts:4:3 (related: src/api.ts:4:20 "a" serves GET /page/:id/)',
  ]);
});

test("a library's class with private members is MZ2001 without the advice to edit it", () => {
  const library = {
    "node_modules/sqlish/package.json": JSON.stringify({ name: "sqlish", version: "1.0.0", types: "index.d.ts" }),
    "node_modules/sqlish/index.d.ts": "export declare class SQL {\n  private chunks;\n  append(text: string): SQL;\n}\n",
  };
  expectDiagnostics({ ...apiFile("  @client()\n  static async run(query: SQL): Promise<void> {}", 'import type { SQL } from "sqlish";'), ...library }, [
    "src/api.ts:5:20 MZ2001 (parameter \"query\"): a class with private members (`SQL`: chunks) is not data: no JSON value is an instance, and JSON.stringify would send them; it is a library's class: use a plain data type that holds what is sent",
  ]);
});

test("a function with properties is no data either: a client library's object returned whole is refused", () => {
  const library = {
    "node_modules/dbish/package.json": JSON.stringify({ name: "dbish", version: "1.0.0", types: "index.d.ts" }),
    // As Prisma declares its client: a class whose `$extends` is a callable hook carrying properties.
    "node_modules/dbish/index.d.ts":
      "export interface ExtendsHook { (extension: object): DbClient; extArgs: { model: string } }\nexport declare class DbClient {\n  $extends: ExtendsHook;\n  $connect(): Promise<void>;\n}\n",
  };
  expectDiagnostics({ ...apiFile("  @client()\n  static async db(): Promise<DbClient> { return null!; }", 'import type { DbClient } from "dbish";'), ...library }, [
    "src/api.ts:5:22 MZ2001 (return).$extends: a function with properties cannot be represented in JSON: JSON.stringify leaves it out, properties and all",
  ]);
});

test("more than five problems at one result: five reported, the rest named in one more", () => {
  const keys = ["a", "b", "c", "d", "e", "f", "g"];
  const type = `{ ${keys.map((k) => `${k}: () => void`).join("; ")} }`;
  const fn = (k: string) => `src/api.ts:5:24 MZ2001 (return).${k}: a function cannot be represented in JSON`;
  expectDiagnostics(apiFile(`  @client()\n  static async many(): Promise<${type}> { return null!; }`), [
    ...keys.slice(0, 5).map(fn),
    "src/api.ts:5:24 MZ2001 (return): 2 more parts cannot be sent as typed (.f, .g): is this the data, or an object that holds it?",
  ]);
});

test("a tuple with a rest element before its last element is MZ2001, as a parameter and as a result, never reordered", () => {
  expectDiagnostics(
    apiFile(
      "  @client()\n  static async lead(t: [...string[], number]): Promise<number> { return 1; }\n  @client()\n  static async mid(): Promise<{ t: [string, ...number[], boolean] }> { return null!; }\n  @client()\n  static async tail(t: [string, ...number[]]): Promise<void> {}",
    ),
    [
      "src/api.ts:5:21 MZ2001 (parameter \"t\"): `[...string[], number]` has a rest element before its last element, which neither the route table's check nor client.ts's type can spell (both take a rest element last); put the rest element last, or use an array",
      "src/api.ts:7:23 MZ2001 (return).t: `[string, ...number[], boolean]` has a rest element before its last element, which neither the route table's check nor client.ts's type can spell (both take a rest element last); put the rest element last, or use an array",
    ],
  );
});

test("a required key that is a symbol is MZ2001 in a parameter; an optional one, and one in a result, are left out as JSON leaves them", () => {
  const files = apiFile(
    "  @client()\n  static async sym(o: { [TAG]: string; a: number }): Promise<number> { return o.a; }\n  @client()\n  static async known(o: Tagged): Promise<void> {}",
    'export const TAG: unique symbol = Symbol("tag");\ninterface Tagged { [Symbol.iterator](): Iterator<number>; n: number }',
  );
  expectDiagnostics(files, [
    "src/api.ts:6:20 MZ2001 (parameter \"o\")[TAG]: a key that is a symbol cannot be sent: JSON has string keys only, and JSON.stringify leaves it out; use a string key, or make it optional",
    "src/api.ts:8:22 MZ2001 (parameter \"o\")[Symbol.iterator]: a key that is a symbol cannot be sent: JSON has string keys only, and JSON.stringify leaves it out; use a string key, or make it optional",
  ]);
  const dir = tempProject(
    apiFile(
      "  @client()\n  static async opt(o: { [TAG]?: string; a: number }): Promise<number> { return o.a; }\n  @client()\n  static async out(): Promise<{ [TAG]: string; a: number }> { return { [TAG]: \"x\", a: 1 }; }",
      'export const TAG: unique symbol = Symbol("tag");',
    ),
  );
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const client = generation.files.find((f) => f.name === "client.ts")!.text;
    assert.match(client, "export function opt(o: { a: number }): Promise<number>");
    assert.match(client, "export function out(): Promise<{ a: number }>");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a Response as the result of a call or a context's function is MZ2001: only a view path's whole result may be one", () => {
  expectDiagnostics(
    apiFile(
      '  @client()\n  static async resp(): Promise<Response> { return new Response(""); }\n  @client({ context: C })\n  static async cResp(): Promise<Response> { return new Response(""); }\n  @client({ route: "/page/:id/" })\n  static async page(id: string): Promise<Response> { return new Response(id); }',
      'export const C = defineContext("c");',
    ),
    [
      "src/api.ts:5:24 MZ2001 (return): a Response can only be the whole result of a view path (`route:`); a call's result is sent as JSON, which has no Response",
      "src/api.ts:7:25 MZ2001 (return): a Response can only be the whole result of a view path (`route:`); a call's result is sent as JSON, which has no Response",
    ],
  );
});

test("an Error, a subclass of it and one in an intersection are MZ2001 in parameters and results; one with toJSON is what toJSON returns", () => {
  expectDiagnostics(
    apiFile(
      "  @client()\n  static async err(): Promise<Error> { return new Error(); }\n  @client()\n  static async http(e: TypeError, list: HttpError[]): Promise<Error & { code: string }> { return null!; }\n  @client()\n  static async json(): Promise<JsonError> { return new JsonError(); }",
      "export class HttpError extends Error { status = 500; }\nexport class JsonError extends Error { toJSON() { return { message: this.message }; } }",
    ),
    [
      "src/api.ts:6:23 MZ2001 (return): an Error has no JSON form: JSON.stringify leaves out its message, name and stack; send plain data (`{ message: string }`)",
      "src/api.ts:8:21 MZ2001 (parameter \"e\"): `TypeError` is an Error, which has no JSON form: JSON.stringify leaves out its message, name and stack; send plain data (`{ message: string }`)",
      "src/api.ts:8:35 MZ2001 (parameter \"list\")[number]: `HttpError` is an Error, which has no JSON form: JSON.stringify leaves out its message, name and stack; send plain data (`{ message: string }`)",
      "src/api.ts:8:55 MZ2001 (return): `Error & { code: string; }` is an Error, which has no JSON form: JSON.stringify leaves out its message, name and stack; send plain data (`{ message: string }`)",
    ],
  );
});

test.run();
