// The whole job for a host: analyse the program, and when it is clean, render
// the generated files. Shared by mizan-gen and the transformer so that they
// cannot disagree.
import { format } from "prettier";
import { PRETTIER_OPTIONS, renderFiles, type GeneratedFile } from "../templates/index.js";
import { analyzeProgram, type Analysis } from "./core.js";
import type { CoreInput } from "./host/input.js";

export interface Generation extends Analysis {
  /** Empty when there are diagnostics: nothing is written after an error. */
  files: GeneratedFile[];
}

export async function generate(input: CoreInput): Promise<Generation> {
  const analysis = analyzeProgram(input);
  if (analysis.diagnostics.length > 0) return { ...analysis, files: [] };
  const paths = { projectDir: input.projectDir, outDir: input.options.outDir };
  const files = await renderFiles(analysis.ir, paths, (source) => format(source, PRETTIER_OPTIONS));
  return { ...analysis, files };
}
