// IR → manifest.json (PROTOCOL §6), typed by the protocol's Manifest so a
// key can only be spelled one way. Keys sorted, 2-space indent, final newline.
import type { Affect, ProjectIR } from "../compiler/ir/types.js";
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
      auto_scoped_params: autoScopedParams(f.affects),
      methods: f.methods,
      private: f.private,
      route: f.route,
    };
  }
  return manifest;
}

/**
 * Per context, the names that scope every one of its targets: one list per
 * context cannot say that `[Notes, "noteList"]` scopes the context by
 * `ownerId` and the function by `ownerId` and `tag`, so it lists the names
 * that scope all of them (the generated route table has each target's own).
 */
function autoScopedParams(affects: readonly Affect[]): Record<string, string[]> {
  const scopes = new Map<string, string[]>();
  for (const { context, scope } of affects) {
    const known = scopes.get(context);
    scopes.set(context, known === undefined ? scope : known.filter((name) => scope.includes(name)));
  }
  return Object.fromEntries([...scopes].filter(([, names]) => names.length > 0));
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
