// Names what the generated files declare (compiler/naming chooses): named
// types, their twins, the files' own locals. Keeps only the named types the
// IR reaches, sorted. Until here refs hold placeholders, because a name can
// only be chosen once every type with that name is known.
import type { NamedEntry } from "../analyze/schema/index.js";
import { fileNames, typeNames, typeOutputNames } from "../naming/names.js";
import { compareSchemas } from "../ir/schema-key.js";
import { mapChildren } from "../ir/schema-walk.js";
import type { ProjectIR, Schema } from "../ir/types.js";

export function finalize(ir: Omit<ProjectIR, "types" | "names">, entries: readonly NamedEntry[]): ProjectIR {
  const names = typeNames(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reached = new Map<string, { name: string; schema: Schema }>();

  const rename = (schema: Schema): Schema => {
    if (schema.kind === "ref") {
      const name = names.get(schema.name)!;
      if (!reached.has(name)) {
        const entry = byId.get(schema.name)!;
        reached.set(name, { name, schema: { kind: "unknown" } }); // placeholder ends recursion
        reached.set(name, { name, schema: rename(entry.schema ?? { kind: "unknown" }) });
      }
      return { kind: "ref", name };
    }
    const renamed = mapChildren(schema, rename);
    // Refs sorted by placeholder before; by final name now.
    return renamed.kind === "union" ? { kind: "union", members: renamed.members.sort(compareSchemas) } : renamed;
  };

  const contexts = ir.contexts.map((c) => ({ ...c, params: c.params.map((p) => ({ ...p, schema: rename(p.schema) })) }));
  const functions = ir.functions.map((f) => ({
    ...f,
    params: f.params.map((p) => ({ ...p, schema: rename(p.schema) })),
    result: rename(f.result),
  }));
  const types = typeOutputNames(
    [...reached.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    functions.map((f) => f.result),
  );
  return { ...ir, contexts, functions, types, names: fileNames(types, functions) };
}
