// Pass 5: gives named types their final, deterministic names, keeps only
// those the IR reaches, and sorts them. Until here refs hold placeholders,
// because a name can only be chosen once every type with that name is known.
import type { NamedEntry } from "../analyze/schema/index.js";
import { finalNames } from "../analyze/schema/named.js";
import { compareSchemas } from "./schema-key.js";
import type { NamedType, ProjectIR, Schema } from "./types.js";

/** Globals the generated files use; a user type of the same name is renamed. */
const RESERVED = new Set(["Array", "Date", "Promise", "Record", "Response"]);

export function finalize(ir: ProjectIR, entries: readonly NamedEntry[]): ProjectIR {
  const names = finalNames(entries, RESERVED);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reached = new Map<string, NamedType>();

  const rename = (schema: Schema): Schema => {
    switch (schema.kind) {
      case "ref": {
        const name = names.get(schema.name)!;
        if (!reached.has(name)) {
          const entry = byId.get(schema.name)!;
          reached.set(name, { name, schema: { kind: "unknown" } }); // placeholder ends recursion
          reached.set(name, { name, schema: rename(entry.schema ?? { kind: "unknown" }) });
        }
        return { kind: "ref", name };
      }
      case "array":
        return { ...schema, element: rename(schema.element) };
      case "tuple":
        return {
          ...schema,
          elements: schema.elements.map((e) => ({ schema: rename(e.schema), optional: e.optional })),
          rest: schema.rest && rename(schema.rest),
        };
      case "object":
        return {
          ...schema,
          properties: schema.properties.map((p) => ({ ...p, schema: rename(p.schema) })),
          additional: schema.additional && rename(schema.additional),
        };
      case "union":
        // Refs sorted by placeholder before; by final name now.
        return { kind: "union", members: schema.members.map(rename).sort(compareSchemas) };
      default:
        return schema;
    }
  };

  const contexts = ir.contexts.map((c) => ({ ...c, params: c.params.map((p) => ({ ...p, schema: rename(p.schema) })) }));
  const functions = ir.functions.map((f) => ({
    ...f,
    params: f.params.map((p) => ({ ...p, schema: rename(p.schema) })),
    result: rename(f.result),
  }));
  const types = [...reached.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { ...ir, contexts, functions, types };
}
