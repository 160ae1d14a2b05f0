// The whole job for a host: analyse the program, check the client code when
// `client` globs are configured, and when all is clean, render the generated
// files. Shared by mizan-gen and the transformer so that they cannot
// disagree (the transformer calls the two steps itself, to skip rendering
// when the IR has not changed). Synchronous: a TypeScript transformer cannot
// await.
import { renderFiles, type GeneratedFile } from "../templates/index.js";
import { checkClientCode } from "./client-check/index.js";
import { analyzeDeclarations, type Analysis, type AnalysisCache } from "./core.js";
import { sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { CoreInput } from "./input/core-input.js";

export interface Generation extends Analysis {
  /** Empty when there are diagnostics: nothing is written after an error. */
  files: GeneratedFile[];
}

/** The analysis and the client-code check: every diagnostic of a run. See analyzeDeclarations for `cache` and `changed`. */
export function analyzeDeclarationsAndClientCode(input: CoreInput, cache?: AnalysisCache, changed?: ReadonlySet<string>): Analysis {
  const analysis = analyzeDeclarations(input, cache, changed);
  const client = checkClientCode(input, analysis.ir);
  const stats = { ...analysis.stats, ...(input.options.client.length > 0 ? { clientFiles: client.files } : {}) };
  return { ...analysis, stats, diagnostics: sortDiagnostics([...analysis.diagnostics, ...client.diagnostics]) };
}

export function generate(input: CoreInput, cache?: AnalysisCache, changed?: ReadonlySet<string>): Generation {
  const analysis = analyzeDeclarationsAndClientCode(input, cache, changed);
  if (analysis.diagnostics.length > 0) return { ...analysis, files: [] };
  return { ...analysis, files: renderFiles(analysis.ir, cache?.printed) };
}
