// The core: program in, IR and diagnostics out. Hosts (mizan-gen over the
// project's typescript, the transformer inside tspc) hand it their own `ts` and program.
//   scan → analyze (per file) → validate → link → finalize
// With a cache (watch mode), a file's analysis is kept until the file or one
// of the files it imports changes; validation, linking and the templates
// always run over the whole project, which takes milliseconds.
import type * as TS from "typescript";
import type { PrintMemory } from "../templates/doc.js";
import { analyzeFile, importedFiles, type FileAnalysis } from "./analyze/file.js";
import type { ContextDefinition, FunctionDraft } from "./analyze/drafts.js";
import { SchemaBuilder, type NamedEntry } from "./analyze/schema/index.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { CoreInput } from "./input/core-input.js";
import { finalize } from "./link/finalize.js";
import { link } from "./link/link.js";
import type { Resolve } from "./ir/scalar.js";
import { byLocation } from "./ir/sort.js";
import type { ProjectIR } from "./ir/types.js";
import { importPath } from "./paths/import-path.js";
import { MizanSymbols } from "./scan/mizan-symbols.js";
import { modulePath } from "./scan/location.js";
import { mayDeclare, userSourceFiles } from "./scan/scan.js";
import { unresolvedImports } from "./scan/unresolved.js";
import { importStyle } from "./input/module-resolution.js";
import { validateDeclaration } from "./validate/declarations.js";
import { validateModuleFormat } from "./validate/module-format.js";
import { checksNulls, validateNullChecks } from "./validate/null-checks.js";
import { validateRoutes } from "./validate/routes.js";

export interface AnalysisStats {
  /** Files whose text could hold a declaration, and so were walked. */
  filesScanned: number;
  /** Of those, files analysed in this run (the rest came from the cache). */
  filesAnalyzed: number;
  functions: number;
  contexts: number;
  /** Files of the program the `client` globs named, checked for private and unknown calls (absent without globs). */
  clientFiles?: number;
}

export interface Analysis {
  /** The IR; meaningful only when there are no diagnostics. */
  ir: ProjectIR;
  diagnostics: Diagnostic[];
  stats: AnalysisStats;
}

/** Per-file analyses kept between runs over successive programs of one project. */
export interface AnalysisCache {
  files: Map<string, FileAnalysis & { imports: Set<string> }>;
  /** The templates' printed entries, reused while their IR does not change. */
  printed: PrintMemory;
}

export function createAnalysisCache(): AnalysisCache {
  return { files: new Map(), printed: new Map() };
}

/**
 * Analyses the program. With a cache and the set of files changed since the
 * cache was filled, only files that are or import a changed file are analysed
 * again; without `changed`, every file is.
 */
export function analyzeDeclarations(input: CoreInput, cache?: AnalysisCache, changed?: ReadonlySet<string>): Analysis {
  const { ts, program, projectDir, options } = input;
  const checker = program.getTypeChecker();
  const symbols = new MizanSymbols(ts, checker);
  // The files whose text could hold a declaration: walked below, and their imports name types (alias-names.ts).
  const declaring = userSourceFiles(ts, program).filter((file) => mayDeclare(file.text));
  const style = importStyle(ts, program.getCompilerOptions());
  const moduleSpecifier = (module: string) => importPath(options.outDir, projectDir, module, style);
  const builder = new SchemaBuilder(ts, checker, program, projectDir, declaring, moduleSpecifier, input.domGlobals);

  const analyses: FileAnalysis[] = [];
  // Not cached: an install or a tsconfig change fixes these without touching the file.
  const uncached: Diagnostic[] = [];
  let filesAnalyzed = 0;
  for (const file of declaring) {
    // A file that does not parse is read as something else than it says: no analysis of it, no files written.
    const [syntax] = program.getSyntacticDiagnostics(file);
    if (syntax) {
      uncached.push(syntaxDiagnostic(ts, projectDir, file, syntax));
      cache?.files.delete(file.fileName);
      continue;
    }
    uncached.push(...unresolvedImports(ts, program, file, projectDir));
    const kept = cache?.files.get(file.fileName);
    const stale = !kept || !changed || changed.has(file.fileName) || [...kept.imports].some((f) => changed.has(f));
    if (kept && !stale) {
      analyses.push(kept);
      continue;
    }
    filesAnalyzed++;
    const analysis = analyzeFile(builder, symbols, file);
    analyses.push(analysis);
    cache?.files.set(file.fileName, { ...analysis, imports: importedFiles(ts, checker, file) });
  }
  return assemble(input, analyses, filesAnalyzed, uncached);
}

function syntaxDiagnostic(ts: CoreInput["ts"], projectDir: string, file: TS.SourceFile, syntax: TS.Diagnostic): Diagnostic {
  const { line, character } = file.getLineAndCharacterOfPosition(syntax.start ?? 0);
  const location = { file: modulePath(projectDir, file.fileName), line: line + 1, column: character + 1 };
  return diagnostic("MZ1011", "syntax", location, ts.flattenDiagnosticMessageText(syntax.messageText, " "));
}

/** Validation, linking and naming over every file's analysis. */
function assemble(input: CoreInput, analyses: readonly FileAnalysis[], filesAnalyzed: number, setup: Diagnostic[]): Analysis {
  const diagnostics: Diagnostic[] = [...setup, ...analyses.flatMap((a) => a.diagnostics)];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const definitions: ContextDefinition[] = analyses.flatMap((a) => a.definitions);
  const drafts: FunctionDraft[] = analyses.flatMap((a) => a.drafts).sort(byLocation);
  const entries = new Map<string, NamedEntry>();
  for (const analysis of analyses) for (const [id, entry] of analysis.named) entries.set(id, entry);
  const resolve: Resolve = Object.assign((id: string) => entries.get(id)?.schema, { nameOf: (id: string) => entries.get(id)?.baseName ?? id });

  const compilerOptions = input.program.getCompilerOptions();
  for (const draft of drafts) validateDeclaration(draft, report);
  validateNullChecks(compilerOptions, drafts, report);
  const firstDeclaration = drafts[0]?.location ?? definitions[0]?.location;
  validateModuleFormat(input.ts, compilerOptions, input.options.outDir, firstDeclaration, `${modulePath(input.projectDir, input.options.outDir)}/`, report);
  validateRoutes(drafts, input.options.basePath, resolve, report);
  const linked = link(drafts, definitions, input.options, input.projectDir, resolve, report, importStyle(input.ts, compilerOptions));
  const nullChecks = input.buildChecksNulls ?? checksNulls(compilerOptions);
  const ir = finalize({ ...linked, nullChecks }, [...entries.values()]);
  return {
    ir,
    diagnostics: sortDiagnostics(diagnostics),
    stats: { filesScanned: analyses.length, filesAnalyzed, functions: ir.functions.length, contexts: ir.contexts.length },
  };
}

