// The naming authority: chooses every identifier the generated files
// declare. Named types, their `…Input` twins, routes.ts's schema consts and
// class imports, and client.ts's own locals are each kept clear of the
// others, of the globals the files print (reserved.ts) and of the names they
// must keep as declared (stubs, their parameters, exports). The templates
// print what is chosen here and choose nothing.
import { inProperty } from "../ir/as-received.js";
import { children, refsOf, refsReached, schemaValuesOf } from "../ir/schema-walk.js";
import type { EmittedNames, FunctionIR, ImportedName, NamedType, Schema } from "../ir/types.js";
import { CLIENT_CONTEXTS, GLOBALS, ROUTES_LOCALS } from "./reserved.js";
import { Scope } from "./scope.js";

/** A named type found by the analysis, before it has its name. */
export interface NameRequest {
  /** Identifies the type; refs hold it until names are chosen. */
  id: string;
  /** What the name is built from: the declared name, or an instantiation's text (`Page_Order`). */
  baseName: string;
}

/** Type names by id: base names, with `_2`, `_3`... among equal ones in id order (declaration order). */
export function typeNames(requests: Iterable<NameRequest>): Map<string, string> {
  const scope = new Scope(GLOBALS);
  const sorted = [...requests].sort((x, y) => compare(x.baseName, y.baseName) || compare(x.id, y.id));
  return new Map(sorted.map((r) => [r.id, scope.claim(r.baseName)]));
}

/**
 * The names that follow from the types' names: a type the client sends
 * otherwise than it receives (a Date in it) gets an `…Input` twin in
 * client.ts (what the client sends), and in routes.ts a
 * schema const `$Name`.
 */
export function typeOutputNames(types: readonly { name: string; schema: Schema }[], results: readonly Schema[]): NamedType[] {
  const twins = new Scope([...GLOBALS, ...types.map((t) => t.name)]);
  const sentOtherwise = typesSentOtherwise(types, results);
  return types.map((t) => ({
    ...t,
    inputName: sentOtherwise.has(t.name) ? twins.claim(`${t.name}Input`) : null,
    schemaName: `$${t.name}`,
  }));
}

/**
 * client.ts's locals, clear of every name it declares or prints (a stub
 * keeps its method's name and its parameters' names), and routes.ts's local
 * name of each class and schema value it imports, clear of its own names,
 * and its name of each named type's input declaration.
 */
export function fileNames(types: readonly NamedType[], functions: readonly FunctionIR[]): EmittedNames {
  const client = new Scope([
    ...GLOBALS,
    CLIENT_CONTEXTS,
    ...types.flatMap((t) => (t.inputName === null ? [t.name] : [t.name, t.inputName])),
    ...functions.flatMap((f) => [f.name, ...f.params.map((p) => p.name)]),
  ]);
  const routes = new Scope([...GLOBALS, ...ROUTES_LOCALS, ...types.map((t) => t.schemaName)]);
  const imported = (items: readonly { module: string; exportName: string }[]): ImportedName[] =>
    [...new Map(items.map((i) => [`${i.module}\u0000${i.exportName}`, i])).entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([, i]) => ({
        module: i.module,
        exportName: i.exportName,
        local: routes.claim(i.exportName === "default" ? defaultName(i.module) : i.exportName),
      }));
  const classes = imported(functions);
  const validators = imported([
    ...functions.flatMap((f) => f.params.flatMap((p) => [...(p.validator ? [p.validator] : []), ...schemaValuesOf(p.schema)])),
    ...types.flatMap((t) => schemaValuesOf(t.schema)),
  ]);
  // After the imports, so that their names stay as they were.
  const typeInputs = new Map([...types].sort((a, b) => compare(a.name, b.name)).map((t) => [t.name, routes.claim(`${t.schemaName}Input`)]));
  return { client: { endpoint: client.claim("endpoint"), api: client.claim("$api"), contextRef: client.claim("ContextRef") }, classes, validators, typeInputs };
}

/**
 * Named types the client sends otherwise than it receives them, directly or
 * through the types they use: holding a Date (sent as `Date | string`), a
 * value an app's schema reads (sent as the schema's input), or an undefined
 * that arrives as null (an array's or a tuple's element).
 */
function typesSentOtherwise(types: readonly { name: string; schema: Schema }[], results: readonly Schema[]): Set<string> {
  const holds = (schema: Schema): boolean => schema.kind === "date" || schema.kind === "validated" || children(schema).some(holds);
  const byName = new Map(types.map((t) => [t.name, t.schema]));
  const named = (name: string) => byName.get(name);
  // What arrives matters only for the types a result reaches: one only ever sent keeps its name.
  const received = refsReached(results, named, "output");
  const result = new Set(types.filter((t) => holds(t.schema) || (received.has(t.name) && inProperty(t.schema, named) !== t.schema)).map((t) => t.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of types) {
      if (!result.has(t.name) && [...refsOf(t.schema, "input")].some((r) => result.has(r))) {
        result.add(t.name);
        grew = true;
      }
    }
  }
  return result;
}

/** `src/user-service.ts` → `UserService`, the local name of a default export. */
function defaultName(module: string): string {
  const base = module.slice(module.lastIndexOf("/") + 1).replace(/\..*$/, "");
  const name = base.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return /^[A-Za-z_$]/.test(name) ? name : `_${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
