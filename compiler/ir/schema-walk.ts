// The one traversal of nested schemas: which schemas a schema holds, and the
// same schema with them replaced. Every walk over schemas (finalize's
// renaming, the refs a schema uses, the Dates a type holds) goes through
// `mapChildren`, whose switch names every kind: a new kind does not compile
// until it says what it holds.
import type { Schema, SchemaValue } from "./types.js";

/** Reports a kind a switch forgot; `never` makes tsc name the switch instead. */
export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

/** The schema with each schema directly inside it replaced by `f` of it (a ref's target is not inside it). */
export function mapChildren(schema: Schema, f: (child: Schema) => Schema): Schema {
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "unknown":
    case "void":
    case "literal":
    case "date":
    case "ref":
    case "response":
      return schema;
    case "array":
      return { ...schema, element: f(schema.element) };
    case "tuple":
      return {
        ...schema,
        elements: schema.elements.map((e) => ({ schema: f(e.schema), optional: e.optional })),
        rest: schema.rest && f(schema.rest),
      };
    case "object":
      return {
        ...schema,
        properties: schema.properties.map((p) => ({ ...p, schema: f(p.schema) })),
        additional: schema.additional && f(schema.additional),
      };
    case "union":
      return { kind: "union", members: schema.members.map(f) };
    case "masked":
      return { ...schema, shape: f(schema.shape) };
    case "validated":
      return { ...schema, input: f(schema.input), output: f(schema.output) };
    default:
      return assertNever(schema);
  }
}

/**
 * Which side of a value an app's schema validates a walk follows: what the
 * wire carries (its input: the route table's zod, what the client sends) or
 * what the server holds (its output: results, what the client receives).
 * Both when not said.
 */
export type Side = "input" | "output";

/** The schemas directly inside a schema. */
export function children(schema: Schema, side?: Side): Schema[] {
  if (schema.kind === "validated" && side) return [schema[side]];
  const found: Schema[] = [];
  mapChildren(schema, (child) => {
    found.push(child);
    return child;
  });
  return found;
}

/** The app's schema values a schema validates with, directly (a validated value's input read first). */
export function schemaValuesOf(schema: Schema, into: SchemaValue[] = []): SchemaValue[] {
  if (schema.kind === "validated") into.push(schema.by);
  for (const child of children(schema, "input")) schemaValuesOf(child, into);
  return into;
}

/** The named types `roots` reach, directly or through the named types they use (`named` gives a type's schema). */
export function refsReached(roots: Iterable<Schema>, named: (name: string) => Schema | undefined, side: Side): Set<string> {
  const reached = new Set<string>();
  const visit = (schema: Schema): void => {
    for (const name of refsOf(schema, side)) {
      if (reached.has(name)) continue;
      reached.add(name);
      const definition = named(name);
      if (definition !== undefined) visit(definition);
    }
  };
  for (const root of roots) visit(root);
  return reached;
}

/** The named types a schema refers to directly (not through other named types). */
export function refsOf(schema: Schema, side?: Side, into = new Set<string>()): Set<string> {
  if (schema.kind === "ref") into.add(schema.name);
  for (const child of children(schema, side)) refsOf(child, side, into);
  return into;
}
