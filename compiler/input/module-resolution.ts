// The moduleResolution in force. A tsconfig that sets none gets TypeScript's
// default for its `module` (`preserve` and `esnext` give bundler, as tsc's
// trace says): reading the option as written would take those projects for
// node ones and write `.js` into imports that a bundler must resolve as written.
import type * as TS from "typescript";
import type { ImportStyle } from "../paths/import-path.js";
import type { TypeScript } from "./core-input.js";

/** TypeScript's own rule (internal, so looked up; its public default otherwise). */
export function moduleResolutionKind(ts: TypeScript, options: TS.CompilerOptions): TS.ModuleResolutionKind {
  const internal = (ts as unknown as { getEmitModuleResolutionKind?: (o: TS.CompilerOptions) => TS.ModuleResolutionKind })
    .getEmitModuleResolutionKind;
  return internal?.(options) ?? options.moduleResolution ?? ts.ModuleResolutionKind.Bundler;
}

/**
 * How routes.ts spells a relative import of a project module: without an
 * extension under bundler resolution; as written in the source when tsc
 * rewrites relative imports' extensions on emit; else with `.js`.
 */
export function importStyle(ts: TypeScript, options: TS.CompilerOptions): ImportStyle {
  if (resolvesAsBundler(ts, options)) return "bundler";
  return options.rewriteRelativeImportExtensions === true ? "ts" : "js";
}

/** Bundler resolution: generated imports carry no extension (Turbopack resolves none). */
export function resolvesAsBundler(ts: TypeScript, options: TS.CompilerOptions): boolean {
  return moduleResolutionKind(ts, options) === ts.ModuleResolutionKind.Bundler;
}
