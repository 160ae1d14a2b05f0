// IR → routes.ts: the server's route table. Handlers are imported from the
// user's modules; arguments and query parameters get zod schemas; each
// mutation carries its invalidation plan.
import type { Affect, FunctionIR, Param, ProjectIR } from "../compiler/ir/types.js";
import { relativePosix } from "../compiler/options.js";
import { array, block, blocks, call, entry, group, hardline, indent, item, join, line, object, print, printAt, type Doc, type PrintMemory } from "./doc.js";
import { HEADER } from "./header.js";
import { orderNamedTypes } from "./named-types.js";
import { namedTypeDeclaration, propertyKey } from "./ts-type.js";
import { optionalZod, zodDoc, zodObject, type ZodOptions } from "./zod.js";

export interface Paths {
  projectDir: string;
  outDir: string;
}

const TAKEN = new Set(["z", "wire", "RouteTable", "query", "args", "routes"]);

export function routesTemplate(ir: ProjectIR, paths: Paths, memory?: PrintMemory): string {
  const types = new Map(ir.types.map((t) => [t.name, t.schema]));
  const resolve = (name: string) => types.get(name)!;
  const json: ZodOptions = { mode: "json", ref: (name) => `$${name}`, resolve };
  const query = (strict: boolean): ZodOptions => ({ mode: "query", ref: (n) => n, resolve, strict });
  const callable = ir.functions.filter((f) => f.context === null);
  const isView = (f: FunctionIR) => f.route !== null;

  const jsonRoots = callable.filter((f) => !isView(f)).flatMap((f) => f.params.map((p) => p.schema));
  const { order, recursive } = orderNamedTypes(ir.types, jsonRoots);
  // A recursive schema is typed by a declaration; the types it uses that are
  // not recursive exist only as schemas (a brand, an enum, a plain shape).
  const declared = (n: string) => (recursive.has(n) ? `$${n}` : `z.output<typeof $${n}>`);
  const typeDeclarations = order
    .filter((t) => recursive.has(t.name))
    .map((t) => printAt(namedTypeDeclaration(`$${t.name}`, t.schema, { dates: "Date", ref: declared }, false), 0));
  const typeConsts = order.map(({ name, schema }) => {
    const zod = zodDoc(schema, json);
    if (!recursive.has(name)) return printAt([`const $${name} = `, zod, ";"], 0);
    // A recursive schema refers to itself: z.lazy, typed by the declaration above.
    return printAt([`const $${name}: z.ZodType<$${name}> = `, call("z.lazy", [["() => ", zod]], true), ";"], 0);
  });

  const paramsObject = (params: readonly Param[], options: ZodOptions, strict: boolean) =>
    zodObject(params.map((p) => [p.name, optionalZod(zodDoc(p.schema, options), p.optional)]), strict);
  const queries = ir.contexts.map((c) => item([propertyKey(c.name), ": ", paramsObject(c.params, query(true), true)], 2));
  // A view path reads its params from the URL: named types are inlined, so their definitions are part of the key.
  const args = callable.map((f) => {
    const inlined = () => (isView(f) ? orderNamedTypes(ir.types, f.params.map((p) => p.schema)).order : []);
    return entry(memory, () => [f.name, isView(f), f.params, inlined()], 2, () => [
      propertyKey(f.name),
      ": ",
      isView(f) ? paramsObject(f.params, query(false), false) : paramsObject(f.params, json, true),
      ",",
    ]);
  });

  const contexts = ir.contexts.map((c) => {
    const fields: [string, Doc][] = [
      ["functions", array(c.functions.map((n) => JSON.stringify(n)))],
      ["query", member("query", c.name)],
      ["renderStrategy", JSON.stringify(c.renderStrategy)],
      ["userScoped", String(c.userScoped)],
    ];
    return item(fieldsOf(c.name, fields), 4);
  });

  const locals = localNames(ir.functions);
  const functions = ir.functions.map((f) => {
    const method = `${locals.get(`${f.module}\u0000${f.exportName}`)!}.${f.name}`;
    // Exactly what functionEntry reads: a moved line or another result type re-prints nothing.
    const key = () => [method, f.context, f.private, f.requireUser, f.route, f.methods, f.affects, f.takesReq, f.params.map((p) => [p.name, p.nominal])];
    return entry(memory, key, 4, () => [functionEntry(f, method), ","]);
  });

  // Grouped in one pass: a filter per module is quadratic (10 million calls at 1,000 modules).
  const exportsOf = new Map<string, Set<string>>();
  const specifiers = new Map<string, string>();
  for (const f of ir.functions) {
    exportsOf.set(f.module, (exportsOf.get(f.module) ?? new Set()).add(f.exportName));
    specifiers.set(f.module, f.specifier ?? importPath(paths, f.module));
  }
  const imports = [...exportsOf.keys()].sort().map((module) => {
    const names = [...exportsOf.get(module)!].sort();
    const imported = names.map((name) => {
      const local = locals.get(`${module}\u0000${name}`)!;
      return local === name ? name : `${name} as ${local}`;
    });
    return printAt(["import ", object(imported), ` from ${JSON.stringify(specifiers.get(module)!)};`], 0);
  });

  const body = blocks([
    join([hardline, hardline], typeDeclarations),
    join([hardline, hardline], typeConsts),
    ["const query = ", block(queries), ";"],
    ["const args = ", block(args), ";"],
    [
      "export const routes = ",
      object([
        `version: ${ir.version}`,
        `basePath: ${JSON.stringify(ir.basePath)}`,
        ["contexts: ", block(contexts)],
        ["functions: ", block(functions)],
      ]),
      " satisfies RouteTable;",
    ],
  ]);
  // Only what is used is imported: a project compiled with noUnusedLocals must
  // accept this file. `wire` appears only in schemas, all printed by now.
  const usesWire = [...typeConsts, ...queries, ...args].some((text) => text.includes("wire."));
  // zod comes through mizan/server: the app needs no zod of its own, and its schemas
  // are built by the zod the server validates with.
  const server = usesWire ? "wire, z, type RouteTable" : "z, type RouteTable";
  const head = [HEADER, `import { ${server} } from "mizan/server";`, ...imports];
  return print([join(hardline, head), hardline, hardline, body]);
}

/** One function's route: its options, invalidation plan and the call of the user's method. */
function functionEntry(f: FunctionIR, method: string): Doc {
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
    ["run", group([signature, indent([line, call(method, callArgs)])])],
  ]);
}

/** `name: { key: value, ... }`, always broken over lines: one route per block reads best. */
function fieldsOf(name: string, fields: readonly [string, Doc][]): Doc {
  const lines = fields.map(([key, value]): Doc => [key, ": ", value, ","]);
  return [propertyKey(name), ": {", indent([hardline, join(hardline, lines)]), hardline, "}"];
}

function plan(affect: Affect): Doc {
  return object([
    `context: ${JSON.stringify(affect.context)}`,
    ...(affect.fn === null ? [] : [`fn: ${JSON.stringify(affect.fn)}`]),
    ["scope: ", array(affect.scope.map((s) => JSON.stringify(s)))],
  ]);
}

/** `obj.key`, or `obj["key"]` when the key is not an identifier. */
function member(object: string, key: string): string {
  const access = propertyKey(key);
  return access === key ? `${object}.${key}` : `${object}[${access}]`;
}

/** The import path of a user module from the out folder, as ESM spells it (`.ts` → `.js`). */
function importPath(paths: Paths, module: string): string {
  const relative = relativePosix(paths.outDir, `${paths.projectDir}/${module}`);
  return relative.replace(/\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}

/** A local name per imported class: its export name, made unique and kept off the file's own names. */
function localNames(functions: readonly FunctionIR[]): Map<string, string> {
  const keys = [...new Set(functions.map((f) => `${f.module}\u0000${f.exportName}`))].sort();
  const taken = new Set(TAKEN);
  const locals = new Map<string, string>();
  for (const key of keys) {
    const [module, exportName] = key.split("\u0000") as [string, string];
    const base = exportName === "default" ? defaultName(module) : exportName;
    let local = base;
    for (let n = 2; taken.has(local); n++) local = `${base}_${n}`;
    taken.add(local);
    locals.set(key, local);
  }
  return locals;
}

/** `src/user-service.ts` → `UserService`, the local name of a default export. */
function defaultName(module: string): string {
  const base = module.slice(module.lastIndexOf("/") + 1).replace(/\..*$/, "");
  const name = base.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return /^[A-Za-z_$]/.test(name) ? name : `_${name}`;
}
