// IR → routes.ts: the server's route table. Handlers are imported from the
// user's modules; arguments and query parameters get zod schemas; each
// mutation carries its invalidation plan.
import type { FunctionIR, ProjectIR, Schema } from "../compiler/ir/types.js";
import { relativePosix } from "../compiler/options.js";
import { HEADER } from "./header.js";
import { orderNamedTypes } from "./named-types.js";
import { namedTypeDeclaration, propertyKey } from "./ts-type.js";
import { optionalZod, zodText, type ZodOptions } from "./zod.js";

export interface Paths {
  projectDir: string;
  outDir: string;
}

const TAKEN = new Set(["z", "wire", "RouteTable", "query", "args", "routes"]);

export function routesTemplate(ir: ProjectIR, paths: Paths): string {
  const types = new Map(ir.types.map((t) => [t.name, t.schema]));
  const resolve = (name: string) => types.get(name)!;
  const jsonOptions: ZodOptions = { mode: "json", ref: (name) => `$${name}`, resolve };
  const queryOptions = (strict: boolean): ZodOptions => ({ mode: "query", ref: (n) => n, resolve, strict });
  const callable = ir.functions.filter((f) => f.context === null);
  const isView = (f: FunctionIR) => f.route !== null;

  const jsonParams = callable.filter((f) => !isView(f)).flatMap((f) => f.params.map((p) => p.schema));
  const { order, recursive } = orderNamedTypes(ir.types, jsonParams);
  const typeDeclarations: string[] = [];
  const typeConsts = order.map(({ name, schema }) => {
    const zod = zodText(schema, jsonOptions);
    if (!recursive.has(name)) return `const $${name} = ${zod};`;
    typeDeclarations.push(
      namedTypeDeclaration(`$${name}`, schema, { dates: "Date", ref: (n) => `$${n}` }, false),
    );
    return `const $${name}: z.ZodType<$${name}> = z.lazy(() => ${zod});`;
  });

  const locals = localNames(ir.functions);
  const imports = [...new Set(ir.functions.map((f) => f.module))].sort().map((module) => {
    const names = [...new Set(ir.functions.filter((f) => f.module === module).map((f) => f.exportName))].sort();
    const specifiers = names.map((name) => {
      const local = locals.get(`${module}\u0000${name}`)!;
      return local === name ? name : `${name} as ${local}`;
    });
    return `import { ${specifiers.join(", ")} } from ${JSON.stringify(importPath(paths, module))};`;
  });

  const objectOf = (schemaOf: (p: { name: string; schema: Schema; optional: boolean }) => string, params: FunctionIR["params"], strict: boolean) =>
    `z.${strict ? "strictObject" : "object"}({ ${params.map((p) => `${propertyKey(p.name)}: ${optionalZod(schemaOf(p), p.optional)}`).join(", ")} })`;

  const queries = ir.contexts.map(
    (c) => `${propertyKey(c.name)}: ${objectOf((p) => zodText(p.schema, queryOptions(true)), c.params, true)},`,
  );
  const args = callable.map((f) => {
    const schema = isView(f)
      ? objectOf((p) => zodText(p.schema, queryOptions(false)), f.params, false)
      : objectOf((p) => zodText(p.schema, jsonOptions), f.params, true);
    return `${propertyKey(f.name)}: ${schema},`;
  });

  const contexts = ir.contexts.map(
    (c) => `${propertyKey(c.name)}: {
      functions: ${JSON.stringify(c.functions)},
      query: ${member("query", c.name)},
      renderStrategy: ${JSON.stringify(c.renderStrategy)},
      userScoped: ${c.userScoped},
    },`,
  );

  const functions = ir.functions.map((f) => {
    const schemaRef = f.context === null ? member("args", f.name) : member("query", f.context);
    const reqCount = f.takesReq ? 1 : 0;
    const method = `${locals.get(`${f.module}\u0000${f.exportName}`)!}.${f.name}`;
    // A nominal parameter type (enum, brand) cannot be reproduced by a schema; the value is cast to it.
    const callArgs = [
      ...(f.takesReq ? ["req"] : []),
      ...f.params.map((p, i) =>
        p.nominal ? `${member("a", p.name)} as Parameters<typeof ${method}>[${i + reqCount}]` : member("a", p.name),
      ),
    ];
    const req = f.takesReq ? "req" : "_req";
    const a = f.params.length > 0 ? "a" : "_a";
    const plans = f.affects.map(
      (x) => `{ context: ${JSON.stringify(x.context)}, ${x.fn === null ? "" : `fn: ${JSON.stringify(x.fn)}, `}scope: ${JSON.stringify(x.scope)} }`,
    );
    const fields = [
      `context: ${JSON.stringify(f.context)},`,
      `private: ${f.private},`,
      `route: ${JSON.stringify(f.route)},`,
      `methods: ${JSON.stringify(f.methods)},`,
      ...(f.context === null ? [`args: ${schemaRef},`] : []),
      `invalidates: [${plans.join(", ")}],`,
      `run: (${req}, ${a}: z.output<typeof ${schemaRef}>) => ${method}(${callArgs.join(", ")}),`,
    ];
    return `${propertyKey(f.name)}: {\n${fields.join("\n")}\n},`;
  });

  const body = [
    typeDeclarations.join("\n\n"),
    typeConsts.join("\n\n"),
    `const query = {\n${queries.join("\n")}\n};`,
    `const args = {\n${args.join("\n")}\n};`,
    `export const routes = {
      version: ${ir.version},
      basePath: ${JSON.stringify(ir.basePath)},
      contexts: {\n${contexts.join("\n")}\n},
      functions: {\n${functions.join("\n")}\n},
    } satisfies RouteTable;`,
  ]
    .filter((section) => section !== "")
    .join("\n\n");
  // Only what is used is imported: a project compiled with noUnusedLocals must accept this file.
  const server = body.includes("wire.") ? "wire, type RouteTable" : "type RouteTable";
  return [HEADER, `import { z } from "zod";`, `import { ${server} } from "mizan/server";`, ...imports, "", body].join("\n");
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
