// IR → routes.ts: the server's route table. Handlers are imported from the
// user's modules; arguments and query parameters get zod schemas; each
// mutation carries its invalidation plan, and each result the shape of its
// declared type (result-shape.ts).
import type { Affect, FunctionIR, NamedType, Param, ProjectIR, SchemaValue } from "../compiler/ir/types.js";
import { OBJECT_MEMBERS } from "../compiler/naming/reserved.js";
import { array, block, blocks, call, entry, group, hardline, ifBreak, indent, item, join, line, object, print, printAt, printFlat, softline, type Doc, type PrintMemory } from "./doc.js";
import { schemaValuesOf } from "../compiler/ir/schema-walk.js";
import { HEADER } from "./header.js";
import { orderNamedTypes } from "./named-types.js";
import { ResultShapes } from "./result-shape.js";
import { inputDeclarations, inputNames, routesInterface, routesInterfaceImports, type InputNames } from "./routes-type.js";
import { member, namedTypeDeclaration, propertyKey } from "./ts-type.js";
import { optionalZod, zodDoc, zodObject, zodUsesWire, type ZodOptions } from "./zod.js";

/** How the schemas of one file are printed: named types as consts in a body, inlined in a query. */
interface Printing {
  json: ZodOptions;
  query: (strict: boolean) => ZodOptions;
  /** How routes.ts spells a parameter's schema value: its local name, and the members to it. */
  validator: (v: SchemaValue) => string;
}

export function routesTemplate(ir: ProjectIR, memory?: PrintMemory): string {
  const types = new Map(ir.types.map((t) => [t.name, t]));
  const validators = new Map(ir.names.validators.map((v) => [importKey(v), v.local]));
  const resolve = (name: string) => types.get(name)!.schema;
  const validator = (v: SchemaValue) => [validators.get(importKey(v))!, ...v.path].join(".");
  const callable = ir.functions.filter((f) => f.context === null);
  const named = namedTypeSection(ir, callable, validator);
  const printing: Printing = {
    json: { mode: "json", ref: (name) => types.get(name)!.schemaName, resolve, validator, recursive: named.recursive },
    query: (strict) => ({ mode: "query", ref: (n) => n, resolve, validator, strict }),
    validator,
  };
  // Every result's shape first: the table holds the named types they reach.
  const shapes = new ResultShapes(ir.types);
  const results = new Map(ir.functions.map((f) => [f.name, shapes.result(f.result)]));
  const table = shapes.entries();
  const body = blocks([
    join([hardline, hardline], named.declarations),
    join([hardline, hardline], named.consts.map((t) => constOf(t, named.recursive, printing, named.inputs))),
    ["const query = ", block(querySection(ir, printing)), ";"],
    ["const args = ", block(argsSection(ir, callable, printing, memory)), ";"],
    ...(table.length === 0 ? [] : [resultsTable(table)]),
    [
      "const table = ",
      object([
        `version: ${ir.version}`,
        `basePath: ${JSON.stringify(ir.basePath)}`,
        ["contexts: ", block(contextSection(ir))],
        ["functions: ", block(functionSection(ir, results, memory))],
      ]),
      " satisfies RouteTable;",
    ],
    // Named, so that a declaration file refers to the table (`Handler<Routes>`), and written out
    // (routes-type.ts): a declaration file infers nothing from the file's consts (isolatedDeclarations).
    [
      "// What invoke reads of each function: its arguments as a caller sends them, its method's result.",
      hardline,
      routesInterface(ir, named.recursive, named.inputs, methodOf(ir)),
    ],
    "export const routes: Routes = table;",
  ]);
  const imports = importsOf(ir, named, callable, printing, table.length > 0);
  const head = [HEADER, ...(ir.nullChecks ? [] : UNCHECKED), ...imports.map((i) => printAt(importDoc(i), 0))];
  return print([join(hardline, head), hardline, hardline, body]);
}

/**
 * Below the header of a route table built without strictNullChecks: zod's
 * types need them (the IR's `nullChecks`), so tsc does not check the file.
 */
const UNCHECKED = [
  "// @ts-nocheck",
  "// This project compiles without strictNullChecks, under which zod's types do not hold. The schemas",
  "// come from the declarations read with null checks on, and are enforced at run time.",
];

const isView = (f: FunctionIR) => f.route !== null;

/** The named types a body's schema uses, dependencies first, and the recursive ones' type declarations. */
function namedTypeSection(ir: ProjectIR, callable: readonly FunctionIR[], validator: (v: SchemaValue) => string) {
  const jsonRoots = callable.filter((f) => !isView(f)).flatMap((f) => f.params.map((p) => p.schema));
  const { order, recursive } = orderNamedTypes(ir.types, jsonRoots, "input");
  // A recursive schema is typed by a declaration; the types it uses that are
  // not recursive exist only as schemas (a brand, an enum, a plain shape).
  const schemaName = new Map(ir.types.map((t) => [t.name, t.schemaName]));
  const declared = (n: string) => (recursive.has(n) ? schemaName.get(n)! : `z.output<typeof ${schemaName.get(n)!}>`);
  // What an app's schema outputs is its own type: the named types of that output have no const here.
  const schemaOutput = (v: SchemaValue) => `StandardOutput<typeof ${validator(v)}>`;
  const typed = order.filter((t) => recursive.has(t.name));
  const outputs = new Map(typed.map((t) => [t.name, printAt(namedTypeDeclaration(t.schemaName, t.schema, { dates: "Date", ref: declared, schemaOutput }, false), 0)]));
  const inputs = inputNames(ir, recursive, typed, (t) => outputs.get(t.name)!, (d) => printAt(d, 0));
  const declarations = [...outputs.values(), ...inputDeclarations(ir, recursive, typed, inputs).map((d) => printAt(d, 0))];
  const usesSchemaOutput = typed.some((t) => schemaValuesOf(t.schema).length > 0);
  return { consts: order, recursive, inputs, declarations, usesSchemaOutput };
}

function constOf({ name, schema, schemaName }: NamedType, recursive: ReadonlySet<string>, printing: Printing, inputs: InputNames): string {
  const zod = zodDoc(schema, printing.json);
  if (!recursive.has(name)) return printAt([`const ${schemaName} = `, zod, ";"], 0);
  // A recursive schema refers to itself: z.lazy, typed by the declarations above (what it gives, and takes).
  return printAt([`const ${schemaName}: z.ZodType<${schemaName}, ${inputs.get(name)!}> = `, call("z.lazy", [["() => ", zod]], true), ";"], 0);
}

function paramsObject(params: readonly Param[], printing: Printing, options: ZodOptions, strict: boolean): Doc {
  return zodObject(params.map((p) => [p.name, paramZod(p, printing, options)]), strict);
}

/**
 * A parameter's schema. One declared as a schema value's output is read as
 * the schema's input, then validated by it; a value left out skips the
 * schema only when the parameter is declared optional (else its `.default()`
 * may fill it in).
 */
function paramZod(p: Param, printing: Printing, options: ZodOptions): Doc {
  const read = zodDoc(p.schema, options);
  if (!p.validator) return optionalZod(read, p.optional);
  const { declaredOptional } = p.validator;
  const validated = call("wire.standard", [printing.validator(p.validator), optionalZod(read, p.optional && !declaredOptional)]);
  return optionalZod(validated, declaredOptional);
}

const importKey = (i: { module: string; exportName: string }) => `${i.module}\u0000${i.exportName}`;

/** Each context's query schema. */
function querySection(ir: ProjectIR, printing: Printing): string[] {
  return ir.contexts.map((c) => item([propertyKey(c.name), ": ", paramsObject(c.params, printing, printing.query(true), true)], 2));
}

/** Each callable function's argument schema: a JSON body, or for a view path the URL's params. */
function argsSection(ir: ProjectIR, callable: readonly FunctionIR[], printing: Printing, memory: PrintMemory | undefined): string[] {
  // A view path reads its params from the URL: named types are inlined, so their definitions are part of the key.
  return callable.map((f) => {
    const inlined = () => (isView(f) ? orderNamedTypes(ir.types, f.params.map((p) => p.schema), "input").order : []);
    const locals = () => f.params.flatMap((p) => [p.validator, ...schemaValuesOf(p.schema)].map((v) => v && printing.validator(v)));
    return entry(memory, () => [f.name, isView(f), f.params, inlined(), locals()], 2, () => [
      propertyKey(f.name),
      ": ",
      isView(f) ? paramsObject(f.params, printing, printing.query(false), false) : paramsObject(f.params, printing, printing.json, true),
      ",",
    ]);
  });
}

function contextSection(ir: ProjectIR): string[] {
  return ir.contexts.map((c) => {
    const fields: [string, Doc][] = [
      ["functions", array(c.functions.map((n) => JSON.stringify(n)))],
      ["query", member("query", c.name)],
      ["renderStrategy", JSON.stringify(c.renderStrategy)],
      ["userScoped", String(c.userScoped)],
    ];
    return item(fieldsOf(c.name, fields, "RouteContext"), 4);
  });
}

/**
 * The shapes of the named types the results reach, one entry each, typed
 * with its keys so that an entry may refer to itself (a recursive type).
 */
function resultsTable(table: readonly [string, Doc][]): Doc {
  const names = table.map(([name]) => JSON.stringify(name));
  const flat = `Record<${names.join(" | ")}, ResultShape>`;
  // One line when `const results: Record<…> = {` fits the printer's width; else the key union broken over lines.
  const keys = group([ifBreak("| "), join([line, "| "], names)]);
  const fits = `const results: ${flat} = {`.length <= 100;
  const type = fits ? flat : group(["Record<", indent([softline, keys, ",", line, "ResultShape"]), softline, ">"]);
  return ["const results: ", type, " = ", object(table.map(([name, shape]) => [propertyKey(name), ": ", shape])), ";"];
}

/** How the file spells a function's method: its class's local name, then the method's. */
function methodOf(ir: ProjectIR): (f: FunctionIR) => string {
  const locals = new Map(ir.names.classes.map((c) => [importKey(c), c.local]));
  return (f) => `${locals.get(importKey(f))!}.${f.name}`;
}

function functionSection(ir: ProjectIR, results: ReadonlyMap<string, Doc | undefined>, memory: PrintMemory | undefined): string[] {
  const methodName = methodOf(ir);
  return ir.functions.map((f) => {
    const method = methodName(f);
    const result = results.get(f.name);
    // Exactly what functionEntry reads: a moved line re-prints nothing.
    const key = () => [method, f.context, f.private, f.requireUser, f.route, f.methods, f.affects, f.takesReq, f.params.map((p) => [p.name, p.nominal]), result && printFlat(result)];
    return entry(memory, key, 4, () => [functionEntry(f, method, result), ","]);
  });
}

/** One import statement: `import { name, other as local } from "specifier";`. */
interface Import {
  specifier: string;
  names: { name: string; local: string; typeOnly?: true }[];
}

/**
 * What the file imports. Only what is used: a project compiled with
 * noUnusedLocals must accept this file, so `wire` is imported only when a
 * schema reads with it. zod comes through mizan/server: the app needs no zod
 * of its own, and its schemas are built by the zod the server validates with.
 */
function importsOf(
  ir: ProjectIR,
  { consts, usesSchemaOutput }: { consts: readonly NamedType[]; usesSchemaOutput: boolean },
  callable: readonly FunctionIR[],
  printing: Printing,
  usesResults: boolean,
): Import[] {
  const params = [...ir.contexts.flatMap((c) => c.params), ...callable.flatMap((f) => f.params)];
  const usesWire =
    params.some((p) => p.validator) ||
    consts.some((t) => zodUsesWire(t.schema, printing.json)) ||
    ir.contexts.some((c) => c.params.some((p) => zodUsesWire(p.schema, printing.query(true)))) ||
    callable.some((f) => f.params.some((p) => zodUsesWire(p.schema, isView(f) ? printing.query(false) : printing.json)));
  const server: Import = {
    specifier: "mizan/server",
    names: [
      ...(usesWire ? [{ name: "wire", local: "wire" }] : []),
      { name: "z", local: "z" },
      ...(usesResults ? [{ name: "ResultShape", local: "ResultShape", typeOnly: true as const }] : []),
      ...[
        ...new Set([
          ...routesInterfaceImports(ir),
          ...(ir.contexts.some((c) => OBJECT_MEMBERS.has(c.name)) ? ["RouteContext"] : []),
          ...(ir.functions.some((f) => OBJECT_MEMBERS.has(f.name)) ? ["RouteFunction"] : []),
          "RouteTable",
          ...(usesSchemaOutput ? ["StandardOutput"] : []),
        ]),
      ]
        .sort()
        .map((name) => ({ name, local: name, typeOnly: true as const })),
    ],
  };
  // The classes and the schema values the file validates with, by module then export name: one statement per specifier, in one pass.
  const values = [
    ...params.flatMap((p) => [...(p.validator ? [p.validator] : []), ...schemaValuesOf(p.schema)]),
    ...consts.flatMap((t) => schemaValuesOf(t.schema)),
  ];
  // Imported by the name its specifier exports it under (a package's may be another), as the local named after its export.
  const sources = new Map<string, { specifier: string; importName: string }>([...ir.functions, ...values].map((i) => [importKey(i), i]));
  const named = [...ir.names.classes, ...ir.names.validators.filter((v) => sources.has(importKey(v)))].sort((a, b) => (importKey(a) < importKey(b) ? -1 : 1));
  const statements = new Map<string, Import>();
  for (const n of named) {
    const { specifier, importName } = sources.get(importKey(n))!;
    const statement = statements.get(specifier) ?? statements.set(specifier, { specifier, names: [] }).get(specifier)!;
    statement.names.push({ name: importName, local: n.local });
  }
  return [server, ...statements.values()];
}

function importDoc({ specifier, names }: Import): Doc {
  const specs = names.map((n) => `${n.typeOnly ? "type " : ""}${n.name === n.local ? n.name : `${n.name} as ${n.local}`}`);
  return ["import ", object(specs), ` from ${JSON.stringify(specifier)};`];
}

/** One function's route: its options, invalidation plan and the call of the user's method. */
function functionEntry(f: FunctionIR, method: string, result: Doc | undefined): Doc {
  const schemaRef = f.context === null ? member("args", f.name) : member("query", f.context);
  const reqCount = f.takesReq ? 1 : 0;
  // A nominal parameter type (enum, brand) cannot be reproduced by a schema; the value is cast to it.
  const callArgs: Doc[] = [
    ...(f.takesReq ? ["req"] : []),
    ...f.params.map((p, i) =>
      p.nominal ? `${member("a", p.name)} as Parameters<typeof ${method}>[${i + reqCount}]` : member("a", p.name),
    ),
  ];
  const signature = `(${f.takesReq ? "req" : "_req"}, ${f.params.length > 0 ? "a" : "_a"}: z.output<typeof ${schemaRef}>) =>`;
  return fieldsOf(f.name, [
    ["context", JSON.stringify(f.context)],
    ["private", String(f.private)],
    ...(f.requireUser === null ? [] : [["requireUser", String(f.requireUser)] as [string, Doc]]),
    ["route", JSON.stringify(f.route)],
    ["methods", array(f.methods.map((m) => JSON.stringify(m)))],
    ...(f.context === null ? [["args", schemaRef] as [string, Doc]] : []),
    ["invalidates", array(f.affects.map(plan))],
    ...(result === undefined ? [] : [["result", result] as [string, Doc]]),
    ["run", group([signature, indent([line, call(method, callArgs)])])],
  ], "RouteFunction");
}

/**
 * `name: { key: value, ... }`, always broken over lines: one route per block
 * reads best. An entry named like a member of Object.prototype is typed by
 * `satisfies` itself, as the table's type does not reach it (OBJECT_MEMBERS).
 */
function fieldsOf(name: string, fields: readonly [string, Doc][], type: "RouteContext" | "RouteFunction"): Doc {
  const lines = fields.map(([key, value]): Doc => [key, ": ", value, ","]);
  const typed = OBJECT_MEMBERS.has(name) ? ` satisfies ${type}` : "";
  return [propertyKey(name), ": {", indent([hardline, join(hardline, lines)]), hardline, "}", typed];
}

function plan(affect: Affect): Doc {
  return object([
    `context: ${JSON.stringify(affect.context)}`,
    ...(affect.fn === null ? [] : [`fn: ${JSON.stringify(affect.fn)}`]),
    ["scope: ", array(affect.scope.map((s) => JSON.stringify(s)))],
  ]);
}

