// The whole job for a host: analyse the program, and when it is clean, render
// the generated files. Shared by mizan-gen and the transformer so that they
// cannot disagree. Synchronous: a TypeScript transformer cannot await.
import { renderFiles, type GeneratedFile } from "../templates/index.js";
import { analyzeProgram, type Analysis } from "./core.js";
import type { CoreInput } from "./host/input.js";

export interface Generation extends Analysis {
  /** Empty when there are diagnostics: nothing is written after an error. */
  files: GeneratedFile[];
}

export function generate(input: CoreInput): Generation {
  const analysis = analyzeProgram(input);
  if (analysis.diagnostics.length > 0) return { ...analysis, files: [] };
  return { ...analysis, files: renderFiles(analysis.ir, { projectDir: input.projectDir, outDir: input.options.outDir }) };
}
