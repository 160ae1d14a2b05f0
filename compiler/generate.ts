// The whole job for a host: analyse the program, check the client code when
// `client` globs are configured, and when all is clean, render the generated
// files. Shared by mizan-gen and the transformer so that they cannot
// disagree. Synchronous: a TypeScript transformer cannot await.
import { renderFiles, type GeneratedFile } from "../templates/index.js";
import { checkClientCode } from "./client-check/index.js";
import { analyzeProgram, type Analysis, type AnalysisCache } from "./core.js";
import { sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { CoreInput } from "./host/input.js";

export interface Generation extends Analysis {
  /** Empty when there are diagnostics: nothing is written after an error. */
  files: GeneratedFile[];
}

/** See analyzeProgram for `cache` and `changed` (watch mode). */
export function generate(input: CoreInput, cache?: AnalysisCache, changed?: ReadonlySet<string>): Generation {
  const analysis = analyzeProgram(input, cache, changed);
  const diagnostics = sortDiagnostics([...analysis.diagnostics, ...checkClientCode(input, analysis.ir)]);
  if (diagnostics.length > 0) return { ...analysis, diagnostics, files: [] };
  return { ...analysis, files: renderFiles(analysis.ir, { projectDir: input.projectDir, outDir: input.options.outDir }) };
}
