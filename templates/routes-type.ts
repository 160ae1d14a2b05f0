// routes.ts's exported type, written out: `export interface Routes`. The
// table's own type is inferred from its consts (zod schemas, arrow
// functions), which a declaration file cannot name under
// isolatedDeclarations, and which would spell zod's types from inside
// mizan's node_modules. The interface says what `createHandler`'s `invoke`
// reads of each function: its arguments as a caller sends them (each
// schema's input type) and its method's result.
import { holdsNull, holdsUndefined, optionalTailFrom, type NamedSchemas } from "../compiler/ir/as-received.js";
import { makeUnion } from "../compiler/ir/make-union.js";
import { assertNever } from "../compiler/ir/schema-walk.js";
import type { FunctionIR, NamedType, Param, Property, ProjectIR, Schema } from "../compiler/ir/types.js";
import { group, hardline, indent, join, line, softline, type Doc } from "./doc.js";
import { admitsUndefined, namedTypeDeclaration, propertyKey, typeDoc, type TypeTextOptions } from "./ts-type.js";

/** How routes.ts names each recursive type's input (inputNames). */
export type InputNames = ReadonlyMap<string, string>;

/** `methodOf`: how the file spells a function's method (`Api.publishDoc`). */
export function routesInterface(ir: ProjectIR, recursive: ReadonlySet<string>, inputs: InputNames, methodOf: (f: FunctionIR) => string): Doc {
  const types = new Map(ir.types.map((t) => [t.name, t]));
  const json = jsonInput(ir, recursive, inputs);
  const contexts = ir.contexts.map((c): Doc => `readonly ${propertyKey(c.name)}: RouteContext;`);
  const functions = ir.functions.map((f): Doc => {
    const result = `ReturnType<typeof ${methodOf(f)}>`;
    const key = `readonly ${propertyKey(f.name)}: `;
    if (f.context !== null) return [key, `TypedRead<${result}>;`];
    const args = typeDoc(argsSchema(f.params, f.route === null ? json.read : (s) => queryInput(s, types)), json.options);
    return [key, group(["TypedCall<", indent([softline, args, ",", line, result]), softline, ">"]), ";"];
  });
  const members = (name: string, docs: readonly Doc[]): Doc[] => (docs.length === 0 ? [] : [[`readonly ${name}: {`, indent([hardline, join(hardline, docs)]), hardline, "};"]]);
  const body = [...members("contexts", contexts), ...members("functions", functions)];
  return ["export interface Routes extends RouteTable {", indent([hardline, join(hardline, body)]), hardline, "}"];
}

/** What routes.ts imports from mizan/server for the interface. */
export function routesInterfaceImports(ir: ProjectIR): string[] {
  return [
    ...(ir.contexts.length > 0 ? ["RouteContext"] : []),
    ...(ir.functions.some((f) => f.context !== null) ? ["TypedRead"] : []),
    ...(ir.functions.some((f) => f.context === null) ? ["TypedCall"] : []),
  ];
}

/** The arguments' object: a parameter left out is absent (`.optional()`, which reads `undefined` as absent too). */
function argsSchema(params: readonly Param[], read: (schema: Schema) => Schema): Schema {
  const properties = params.map((p): Property => {
    const schema = read(p.schema);
    if (!p.optional || admitsUndefined(schema)) return { name: p.name, schema, optional: p.optional };
    return { name: p.name, schema: { kind: "union", members: [...(schema.kind === "union" ? schema.members : [schema]), { kind: "void" }] }, optional: true };
  });
  return { kind: "object", properties, additional: null };
}

/**
 * A body's input, as zod reads it: a Date as a Date or its string, an app
 * schema's value as its input, and what wireInput adds. Named types are
 * spelled out (spellOut), but a recursive one, which is named by its input
 * declaration (inputDeclarations).
 */
function jsonInput(ir: ProjectIR, recursive: ReadonlySet<string>, inputs: InputNames): { read: (schema: Schema) => Schema; options: TypeTextOptions } {
  const types = new Map(ir.types.map((t) => [t.name, t]));
  const named: NamedSchemas = (name) => types.get(name)?.schema;
  return {
    read: (schema) => wireInput(spellOut(schema, named, recursive), named),
    options: { dates: "Date | string", sent: true, ref: (name) => inputs.get(name)! },
  };
}

/**
 * The name of each recursive type's input (`recursive` in `typed`): its own
 * declaration (`interface $TreeInput`: what its z.lazy is typed to take,
 * `z.ZodType<$Tree, $TreeInput>`, and what `Routes` says a caller of
 * `invoke` passes), or the type's own name where the input declaration would
 * read as the output one (`output` prints it) once the inputs that read so
 * are named so in turn (a caller sends a `{ value: number; children: $Tree[] }`
 * as it is). Assumed alike at first and dropped until none differs, so
 * types that refer to each other are alike together.
 */
export function inputNames(ir: ProjectIR, recursive: ReadonlySet<string>, typed: readonly NamedType[], output: (t: NamedType) => string, print: (d: Doc) => string): InputNames {
  let alike = new Set(typed.map((t) => t.name));
  for (;;) {
    const names = namesOf(ir, typed, alike);
    const json = jsonInput(ir, recursive, names);
    const next = new Set(typed.filter((t) => alike.has(t.name) && print(namedTypeDeclaration(t.schemaName, json.read(t.schema), json.options, false)) === output(t)).map((t) => t.name));
    if (next.size === alike.size) return names;
    alike = next;
  }
}

function namesOf(ir: ProjectIR, typed: readonly NamedType[], alike: ReadonlySet<string>): Map<string, string> {
  return new Map(typed.map((t) => [t.name, alike.has(t.name) ? t.schemaName : ir.names.typeInputs.get(t.name)!]));
}

/** routes.ts's declaration of each recursive type's input that has a name of its own (inputNames), in `order`. */
export function inputDeclarations(ir: ProjectIR, recursive: ReadonlySet<string>, order: readonly NamedType[], inputs: InputNames): Doc[] {
  const json = jsonInput(ir, recursive, inputs);
  return order
    .filter((t) => recursive.has(t.name) && inputs.get(t.name) !== t.schemaName)
    .map((t) => namedTypeDeclaration(inputs.get(t.name)!, json.read(t.schema), json.options, false));
}

/**
 * What zod.ts's `propertyZod` and `element` accept beyond the type: a
 * required key whose type holds undefined may be absent, and an array's or
 * tuple's element that holds undefined but not null may be the null JSON
 * writes for it.
 */
function wireInput(schema: Schema, named: NamedSchemas): Schema {
  const input = (s: Schema) => wireInput(s, named);
  const element = (s: Schema): Schema => {
    const read = input(s);
    if (!holdsUndefined(s, named) || holdsNull(s, named)) return read;
    return { kind: "union", members: [...(read.kind === "union" ? read.members : [read]), { kind: "null" }] };
  };
  switch (schema.kind) {
    case "object":
      return {
        ...schema,
        properties: schema.properties.map((p) => ({
          ...p,
          schema: input(p.schema),
          optional: p.optional || p.schema.kind === "unknown" || holdsUndefined(p.schema, named),
        })),
        additional: schema.additional && input(schema.additional),
      };
    case "array":
      return { ...schema, element: element(schema.element) };
    case "tuple": {
      // Trailing optional elements may also be the null JSON writes for an undefined one (wire.optionalTail).
      const from = optionalTailFrom(schema, named);
      const elements = schema.elements.map((e, i) => {
        const read = element(e.schema);
        return { ...e, schema: i < from ? read : makeUnion([read, { kind: "null" }]) };
      });
      return { ...schema, elements, rest: schema.rest && element(schema.rest) };
    }
    case "union":
      return { ...schema, members: schema.members.map(input) };
    case "masked":
      return { ...schema, shape: input(schema.shape) };
    case "validated":
      return { ...schema, input: input(schema.input) };
    default:
      return schema;
  }
}

/**
 * The schema with each named type that is not recursive written in place:
 * what a caller sends is no declared type. Recursive ones stay refs.
 */
function spellOut(schema: Schema, named: NamedSchemas, recursive: ReadonlySet<string>): Schema {
  const out = (s: Schema) => spellOut(s, named, recursive);
  switch (schema.kind) {
    case "ref":
      return recursive.has(schema.name) ? schema : out(named(schema.name)!);
    case "object":
      return { ...schema, properties: schema.properties.map((p) => ({ ...p, schema: out(p.schema) })), additional: schema.additional && out(schema.additional) };
    case "array":
      return { ...schema, element: out(schema.element) };
    case "tuple":
      return { ...schema, elements: schema.elements.map((e) => ({ ...e, schema: out(e.schema) })), rest: schema.rest && out(schema.rest) };
    case "union":
      return { ...schema, members: schema.members.map(out) };
    case "masked":
      return { ...schema, shape: out(schema.shape) };
    case "validated":
      return { ...schema, input: out(schema.input), output: out(schema.output) };
    default:
      return schema;
  }
}

/** A query parameter's input: the strings of a URL (wire.queryNumber() reads a string), repeated keys as an array. */
function queryInput(schema: Schema, types: ReadonlyMap<string, NamedType>): Schema {
  const text: Schema = { kind: "string" };
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
      return text;
    case "literal":
      return typeof schema.value === "string" ? schema : text;
    case "array":
      return { kind: "union", members: [text, { kind: "array", element: text, ...(schema.readonly ? { readonly: true as const } : {}) }] };
    case "union": {
      const members = new Map(schema.members.map((m) => queryInput(m, types)).map((m) => [JSON.stringify(m), m]));
      return members.size === 1 ? [...members.values()][0]! : { kind: "union", members: [...members.values()] };
    }
    case "ref":
      return queryInput(types.get(schema.name)!.schema, types);
    case "validated":
      return queryInput(schema.input, types);
    case "null":
    case "unknown":
    case "void":
    case "date":
    case "tuple":
    case "object":
    case "masked":
    case "response":
      // Validation lets only URL-safe scalars and arrays of them reach a query.
      throw new Error(`a ${schema.kind} cannot be read from a query string`);
    default:
      return assertNever(schema);
  }
}
