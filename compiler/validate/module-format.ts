// The generated files are ES modules (`import`, `export`). Where TypeScript
// reads them as CommonJS (module commonjs, or node16/nodenext with an out
// folder whose package.json scope is not `"type": "module"`), tsc compiles
// them to require() as long as the syntax is not kept verbatim; under
// verbatimModuleSyntax it refuses them (TS1286, TS1287, TS1295), and there
// CommonJS's one export form, `export =`, could not carry several exports.
// So that setup is MZ6004 before anything is written, saying what fixes it.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { joinPosix } from "../paths/posix.js";

/** MZ6004 at `location` (`shownOut`: the out folder as the message names it) when a `.ts` file in `outDir` would be CommonJS under verbatimModuleSyntax. */
export function validateModuleFormat(
  ts: TypeScript,
  options: TS.CompilerOptions,
  outDir: string,
  location: SourceLocation | undefined,
  shownOut: string,
  report: (d: Diagnostic) => void,
): void {
  if (!options.verbatimModuleSyntax || location === undefined) return;
  const module = moduleKind(ts, options);
  const nodeScoped = module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext;
  if (module !== ts.ModuleKind.CommonJS && !nodeScoped) return;
  // TypeScript's own reading of the folder's package.json scope (the nearest package.json's "type").
  const format = nodeScoped ? ts.getImpliedNodeFormatForFile(joinPosix(outDir, "routes.ts"), undefined, ts.sys, options) : ts.ModuleKind.CommonJS;
  if (format !== ts.ModuleKind.CommonJS) return;
  report(diagnostic("MZ6004", nodeScoped ? "scope" : "commonjs", location, shownOut));
}

/** The module kind in force: TypeScript's default when the tsconfig sets none (internal, so looked up). */
function moduleKind(ts: TypeScript, options: TS.CompilerOptions): TS.ModuleKind {
  const internal = (ts as unknown as { getEmitModuleKind?: (o: TS.CompilerOptions) => TS.ModuleKind }).getEmitModuleKind;
  return internal?.(options) ?? options.module ?? ts.ModuleKind.ESNext;
}
