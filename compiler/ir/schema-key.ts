// A canonical text for a schema: equal schemas have equal keys. Used to
// sort union members deterministically (never in the checker's order) and
// to tell whether two declarations of a context parameter agree.
import { assertNever } from "./schema-walk.js";
import type { Schema } from "./types.js";

const RANK: Record<Schema["kind"], number> = {
  literal: 0, string: 1, number: 2, boolean: 3, date: 4, array: 5, tuple: 6,
  object: 7, masked: 8, ref: 9, unknown: 10, response: 11, null: 12, void: 13, union: 14, validated: 15,
};

export function schemaKey(schema: Schema): string {
  switch (schema.kind) {
    case "literal":
      return `literal:${typeof schema.value}:${JSON.stringify(schema.value)}`;
    case "array":
      return `array<${schemaKey(schema.element)}>`;
    case "tuple":
      return `tuple<${schema.elements.map((e) => (e.optional ? "?" : "") + schemaKey(e.schema)).join(",")}${
        schema.rest ? `,...${schemaKey(schema.rest)}` : ""
      }>`;
    case "object":
      return `object{${schema.properties
        .map((p) => `${JSON.stringify(p.name)}${p.optional ? "?" : ""}:${schemaKey(p.schema)}`)
        .join(",")}${schema.additional ? `,[${schema.keys === undefined ? "*" : `/${schema.keys.regex}/${schema.keys.form}`}]:${schemaKey(schema.additional)}` : ""}}`;
    case "union":
      return `union(${schema.members.map(schemaKey).join("|")})`;
    case "ref":
      return `ref:${schema.name}`;
    case "masked":
      return `masked${JSON.stringify(schema.absent)}<${schemaKey(schema.shape)}>`;
    case "validated": {
      // The schema value and its input decide the output: it is not part of the key.
      const { module, exportName, path } = schema.by;
      return `validated(${JSON.stringify([module, exportName, ...path])})<${schemaKey(schema.input)}>`;
    }
    case "string":
      return schema.pattern === undefined ? "string" : `string/${schema.pattern.regex}/${schema.pattern.form}`;
    case "number":
    case "boolean":
    case "null":
    case "unknown":
    case "void":
    case "date":
    case "response":
      return schema.kind;
    default:
      return assertNever(schema);
  }
}

/** Union members in a readable, stable order: literals by value, then kinds, null last. */
export function compareSchemas(a: Schema, b: Schema): number {
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  if (a.kind === "literal" && b.kind === "literal" && typeof a.value === typeof b.value) {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  }
  const ka = schemaKey(a);
  const kb = schemaKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
