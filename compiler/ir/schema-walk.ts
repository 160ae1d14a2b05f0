// The one traversal of nested schemas: which schemas a schema holds, and the
// same schema with them replaced. Every walk over schemas (finalize's
// renaming, the refs a schema uses, the Dates a type holds) goes through
// `mapChildren`, whose switch names every kind: a new kind does not compile
// until it says what it holds.
import type { Schema } from "./types.js";

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
    default:
      return assertNever(schema);
  }
}

/** The schemas directly inside a schema. */
export function children(schema: Schema): Schema[] {
  const found: Schema[] = [];
  mapChildren(schema, (child) => {
    found.push(child);
    return child;
  });
  return found;
}

/** The named types a schema refers to directly (not through other named types). */
export function refsOf(schema: Schema, into = new Set<string>()): Set<string> {
  if (schema.kind === "ref") into.add(schema.name);
  for (const child of children(schema)) refsOf(child, into);
  return into;
}
