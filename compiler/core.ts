// The core: program in, IR and diagnostics out. Hosts (mizan-gen over
// ts-morph, the transformer inside tspc) hand it their own `ts` and program.
//   scan → analyze (functions, contexts) → validate → link → finalize
import type * as TS from "typescript";
import { readContextDefinition, type ContextDefinition } from "./analyze/context-definitions.js";
import { analyzeFunction, type FunctionDraft } from "./analyze/function.js";
import { SchemaBuilder } from "./analyze/schema/index.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { CoreInput } from "./host/input.js";
import { finalize } from "./ir/finalize.js";
import { link } from "./ir/link.js";
import type { Resolve } from "./ir/scalar.js";
import { byLocation } from "./ir/sort.js";
import type { ProjectIR } from "./ir/types.js";
import { MizanSymbols } from "./scan/mizan-symbols.js";
import { scan, userSourceFiles } from "./scan/scan.js";
import { validateDeclaration } from "./validate/declarations.js";
import { validateRoutes } from "./validate/routes.js";

export interface AnalysisStats {
  /** Files in the program that are the project's own. */
  files: number;
  /** Files whose text could hold a declaration, and so were walked. */
  filesScanned: number;
  functions: number;
  contexts: number;
}

export interface Analysis {
  /** The IR; meaningful only when there are no diagnostics. */
  ir: ProjectIR;
  diagnostics: Diagnostic[];
  stats: AnalysisStats;
}

export function analyzeProgram(input: CoreInput, files?: readonly TS.SourceFile[]): Analysis {
  const { ts, program, projectDir, options } = input;
  const checker = program.getTypeChecker();
  const symbols = new MizanSymbols(ts, checker);
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);

  const sourceFiles = files ?? userSourceFiles(ts, program);
  const scanned = scan(ts, sourceFiles, symbols);

  const builder = new SchemaBuilder(ts, checker, program, projectDir);
  const definitions: ContextDefinition[] = [];
  for (const call of scanned.contextCalls) {
    const definition = readContextDefinition(ts, checker, projectDir, call, report);
    if (definition) definitions.push(definition);
  }
  const drafts: FunctionDraft[] = [];
  for (const decorator of scanned.decorators) {
    const draft = analyzeFunction(builder, symbols, decorator, report);
    if (draft) drafts.push(draft);
  }
  drafts.sort(byLocation);

  const entries = [...builder.named.values()];
  const byId = new Map(entries.map((e) => [e.id, e.schema]));
  const resolve: Resolve = (id) => byId.get(id);

  for (const draft of drafts) validateDeclaration(draft, report);
  validateRoutes(drafts, options.basePath, resolve, report);
  const ir = finalize(link(drafts, definitions, options, resolve, report), entries);

  return {
    ir,
    diagnostics: sortDiagnostics(diagnostics),
    stats: {
      files: sourceFiles.length,
      filesScanned: scanned.filesScanned,
      functions: ir.functions.length,
      contexts: ir.contexts.length,
    },
  };
}
