// Walking schemas: the schemas directly inside one, and the named types it
// refers to. Shared by the passes and the templates.
import type { Schema } from "./types.js";

/** The schemas directly inside a schema (a ref's target is not inside it). */
export function children(schema: Schema): Schema[] {
  switch (schema.kind) {
    case "array":
      return [schema.element];
    case "tuple":
      return [...schema.elements.map((e) => e.schema), ...(schema.rest ? [schema.rest] : [])];
    case "object":
      return [...schema.properties.map((p) => p.schema), ...(schema.additional ? [schema.additional] : [])];
    case "union":
      return schema.members;
    default:
      return [];
  }
}

/** The named types a schema refers to directly (not through other named types). */
export function refsOf(schema: Schema, into = new Set<string>()): Set<string> {
  if (schema.kind === "ref") into.add(schema.name);
  for (const child of children(schema)) refsOf(child, into);
  return into;
}
