// IR → manifest.json (PROTOCOL §6), typed by the protocol's Manifest so a
// key can only be spelled one way. Keys sorted, 2-space indent, final newline.
import type { ProjectIR } from "../compiler/ir/types.js";
import type { Manifest, ManifestAffect } from "../runtime/protocol/index.js";
import { printFlat } from "./doc.js";
import { typeDoc, type TypeTextOptions } from "./ts-type.js";

export function manifestOf(ir: ProjectIR): Manifest {
  const types = new Map(ir.types.map((t) => [t.name, t.schema]));
  const inline: TypeTextOptions = { dates: "string", ref: (name) => typeDoc(types.get(name)!, inline), sent: true };
  const manifest: Manifest = { version: ir.version, base_path: ir.basePath, contexts: {}, mutations: {}, page_routes: {} };
  for (const c of ir.contexts) {
    manifest.contexts[c.name] = {
      functions: c.functions,
      params: Object.fromEntries(c.params.map((p) => [p.name, printFlat(typeDoc(p.schema, inline))])),
      render_strategy: c.renderStrategy,
      user_scoped: c.userScoped,
    };
    if (c.pageRoutes.length > 0) manifest.page_routes[c.name] = c.pageRoutes;
  }
  // Everything callable that is not a context read; a view path only when it invalidates.
  for (const f of ir.functions) {
    if (f.context !== null || (f.route !== null && f.affects.length === 0)) continue;
    manifest.mutations[f.name] = {
      affects: f.affects.map((a): ManifestAffect => (a.fn === null ? a.context : { context: a.context, fn: a.fn })),
      auto_scoped_params: Object.fromEntries(f.affects.filter((a) => a.scope.length > 0).map((a) => [a.context, a.scope])),
      methods: f.methods,
      private: f.private,
      route: f.route,
    };
  }
  return manifest;
}

export function manifestTemplate(ir: ProjectIR): string {
  return JSON.stringify(sortKeys(manifestOf(ir)), null, 2) + "\n";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key])]));
}
