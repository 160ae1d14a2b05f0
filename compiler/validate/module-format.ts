// The generated files are ES modules (`import`, `export`). Where TypeScript
// reads them as CommonJS (module commonjs, or node16/nodenext with an out
// folder whose package.json scope is not `"type": "module"`), tsc compiles
// them to require() as long as the syntax is not kept verbatim; under
// verbatimModuleSyntax it refuses them (TS1286, TS1287, TS1295), and there
// CommonJS's one export form, `export =`, could not carry several exports.
// So that setup is MZ6004 before anything is written, saying what fixes it.
// So is CommonJS under module node16 or node18, verbatimModuleSyntax or not:
// there a CommonJS file may not import an ES module (TS1479), and mizan is
// one; node20 and nodenext let it (require of an ES module, Node 20.19+).
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
  if (location === undefined) return;
  const module = moduleKind(ts, options);
  const nodeScoped = module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext;
  const noRequireOfEsm = module === ts.ModuleKind.Node16 || module === ts.ModuleKind.Node18;
  if (!options.verbatimModuleSyntax && !noRequireOfEsm) return;
  if (module !== ts.ModuleKind.CommonJS && !nodeScoped) return;
  // TypeScript's own reading of the folder's package.json scope (the nearest package.json's "type").
  const format = nodeScoped ? ts.getImpliedNodeFormatForFile(joinPosix(outDir, "routes.ts"), undefined, ts.sys, options) : ts.ModuleKind.CommonJS;
  if (format !== ts.ModuleKind.CommonJS) return;
  if (options.verbatimModuleSyntax) report(diagnostic("MZ6004", nodeScoped ? "scope" : "commonjs", location, shownOut));
  else report(diagnostic("MZ6004", "require", location, shownOut, module === ts.ModuleKind.Node16 ? "node16" : "node18"));
}

/** The module kind in force: TypeScript's default when the tsconfig sets none (internal, so looked up). */
function moduleKind(ts: TypeScript, options: TS.CompilerOptions): TS.ModuleKind {
  const internal = (ts as unknown as { getEmitModuleKind?: (o: TS.CompilerOptions) => TS.ModuleKind }).getEmitModuleKind;
  return internal?.(options) ?? options.module ?? ts.ModuleKind.ESNext;
}
