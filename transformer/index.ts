// mizan-gen/transformer: the ts-patch plugin, a thin host over the compiler
// core. When tspc emits, it analyses the program tspc already built (once
// per program, however many emits tsc's builder makes), reports every Mizan
// diagnostic through ts-patch's diagnostics, and writes the generated files
// that changed (rendering them only when the IR changed: generated.ts). It
// changes no emitted file.
//
//   "plugins": [{ "transform": "mizan-gen/transformer", "out": "generated",
//                 "client": ["src/ui/**"], "basePath": "/api/mizan",
//                 "identityParams": ["userId"] }]
import type * as TS from "typescript";
import { analyzeDeclarationsAndClientCode } from "../compiler/generate.js";
import { resolveOptions, type PluginConfig } from "../compiler/input/options.js";
import { formatDiagnostic } from "../compiler/diagnostics/diagnostic.js";
import { count } from "../compiler/output/count.js";
import { joinPosix, normalizePosix } from "../compiler/paths/posix.js";
import { referencedSourcesOf } from "../compiler/input/reference-sources.js";
import { builtPackageWarnings } from "../compiler/validate/built-package.js";
import { missingRoutes } from "../compiler/validate/missing-routes.js";
import { toTsDiagnostic } from "./diagnostics.js";
import { writeGenerated } from "./generated.js";
import { transformProgram } from "./program.js";
import { programToAnalyse } from "./references.js";

/** What ts-patch hands a "program" plugin (the part Mizan uses). */
export interface TransformerExtras {
  ts: typeof TS;
  diagnostics: readonly TS.Diagnostic[];
  addDiagnostic(diagnostic: TS.Diagnostic): number;
  removeDiagnostic(index: number): void;
}

export interface TransformerLists {
  before: TS.TransformerFactory<TS.SourceFile>[];
  after: TS.TransformerFactory<TS.SourceFile>[];
  afterDeclarations: TS.TransformerFactory<TS.SourceFile | TS.Bundle>[];
}

export interface ProgramResult {
  all: TS.Diagnostic[];
  byFile: Map<string, TS.Diagnostic[]>;
  /** Generated files whose bytes on disk this analysis changed. */
  written: string[];
}

const results = new WeakMap<TS.Program, ProgramResult>();

/** What ts-patch hands a program transformer (`"transformProgram": true`). */
export interface ProgramTransformerExtras {
  ts: typeof TS;
}

/**
 * The plugin entry. ts-patch calls it in one of two ways, as the tsconfig
 * entry says: with `"transformProgram": true`, while tsc creates its program
 * (one pass: program.ts), else as a source transformer at emit.
 */
export default function mizan(program: TS.Program, config: PluginConfig, extras: TransformerExtras): TransformerLists;
export default function mizan(
  program: TS.Program,
  host: TS.CompilerHost | undefined,
  config: PluginConfig,
  extras: ProgramTransformerExtras,
): TS.Program;
export default function mizan(
  program: TS.Program,
  configOrHost: PluginConfig | TS.CompilerHost | undefined,
  extrasOrConfig: TransformerExtras | PluginConfig,
  programExtras?: ProgramTransformerExtras,
): TransformerLists | TS.Program {
  if (programExtras !== undefined) {
    return transformProgram(program, configOrHost as TS.CompilerHost | undefined, extrasOrConfig as PluginConfig, programExtras.ts);
  }
  return mizanTransformer(program, configOrHost as PluginConfig, extrasOrConfig as TransformerExtras);
}

/** Records the analysis made for a program (program.ts: made on the program it replaced). */
export function rememberResult(program: TS.Program, result: ProgramResult): void {
  results.set(program, result);
}

/** The program's analysis, made once per program whichever way the plugin was called. */
export function programResult(program: TS.Program, config: PluginConfig, ts: typeof TS): ProgramResult {
  let result = results.get(program);
  if (!result) {
    result = run(program, config, ts);
    results.set(program, result);
  }
  return result;
}

export function mizanTransformer(program: TS.Program, config: PluginConfig, extras: TransformerExtras): TransformerLists {
  let result = results.get(program);
  if (!result) {
    result = run(program, config, extras.ts);
    results.set(program, result);
  }
  // A clean program costs emit nothing: no transformer runs on any file.
  if (result.all.length === 0) return lists([]);
  const { all, byFile } = result;
  // ts-patch adds its whole list to every emit result of the program, and
  // tsc's builder (incremental, watch) emits file by file and stores each
  // result's diagnostics under that file: so each emit takes back what the
  // previous one added, and a diagnostic rides only on its own file's emit.
  for (const d of all) {
    const index = extras.diagnostics.indexOf(d);
    if (index !== -1) extras.removeDiagnostic(index);
  }
  if (emitsNoSourceFile(program)) {
    for (const d of all) extras.addDiagnostic(d);
    return lists([]);
  }
  const unplaced = all.filter((d) => d.file === undefined);
  for (const d of unplaced) extras.addDiagnostic(d);
  // Listed as both `before` and `after` (ts-patch runs one, as configured), so adding is idempotent.
  const attach: TS.TransformerFactory<TS.SourceFile> = () => (file) => {
    for (const d of byFile.get(file.fileName) ?? []) if (!extras.diagnostics.includes(d)) extras.addDiagnostic(d);
    return file;
  };
  return lists([attach]);
}

function run(program: TS.Program, config: PluginConfig, ts: typeof TS): ProgramResult {
  const projectDir = projectDirOf(program);
  const options = resolveOptions(projectDir, config);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const analysedProgram = programToAnalyse(program, ts, projectDir);
  const analysis = analyzeDeclarationsAndClientCode({ ts, program: analysedProgram, projectDir, options });
  if (analysis.diagnostics.length === 0 && analysis.ir.functions.length === 0) {
    // tsc's program holds every file of the project: MZ6005 when one imports the routes.ts that is not there.
    const project = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes("/node_modules/"));
    const missing = missingRoutes(ts, program.getCompilerOptions(), project, projectDir, options.outDir);
    if (missing) analysis.diagnostics.push(missing);
  }
  const analysed = performance.now();
  // As mizan-gen: a project that declares nothing gets no generated files.
  let written: string[] = [];
  let files: string;
  if (analysis.diagnostics.length > 0) files = "skipped";
  else if (analysis.ir.functions.length === 0 && analysis.ir.contexts.length === 0) files = "none";
  else {
    const result = writeGenerated(analysis.ir, { projectDir, outDir: options.outDir });
    written = result.changed;
    files = result.rendered ? "rendered" : "unchanged";
  }
  // What the plugin adds to a build, which tsc's own --extendedDiagnostics cannot show.
  if (process.env.MIZAN_TIMING) {
    const ms = (from: number, to: number) => Math.round(to - from);
    const cpu = process.cpuUsage(cpuStart);
    process.stderr.write(
      `mizan: ${count(analysis.ir.functions.length, "function")} analysed in ${ms(start, analysed)} ms, ` +
        `files ${files} in ${ms(analysed, performance.now())} ms\n` +
        // The process's CPU over the same span, every thread (V8's collector
        // and compiler beside the main one). Two whole tspc processes differ
        // by seconds of CPU on a loaded machine; this span over its own
        // process's CPU is what the plugin adds, without that noise.
        `mizan: process CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms over the plugin's work\n`,
    );
  }
  // Warnings fail nothing, so they are printed as mizan-gen prints them rather than handed to tsc,
  // whose exit status is 2 for any diagnostic it reports, a warning's too.
  const tsconfig = (program.getCompilerOptions().configFilePath as string | undefined) ?? `${projectDir}/tsconfig.json`;
  for (const warning of builtPackageWarnings(ts, program, projectDir, tsconfig, referencedSourcesOf(analysedProgram))) process.stderr.write(`${formatDiagnostic(warning)}\n`);
  const all = analysis.diagnostics.map((d) => toTsDiagnostic(ts, program, projectDir, d));
  const byFile = new Map<string, TS.Diagnostic[]>();
  for (const d of all) if (d.file) byFile.set(d.file.fileName, [...(byFile.get(d.file.fileName) ?? []), d]);
  return { all, byFile, written };
}

/** No JavaScript emit will run a `before` transformer: noEmit, declarations only, or noEmitOnError with errors. */
function emitsNoSourceFile(program: TS.Program): boolean {
  const options = program.getCompilerOptions();
  if (options.noEmit || options.emitDeclarationOnly) return true;
  if (!options.noEmitOnError) return false;
  // The same lists tsc consults before skipping the emit; the checker has them cached by now.
  return (
    program.getOptionsDiagnostics().length + program.getSyntacticDiagnostics().length +
      program.getGlobalDiagnostics().length + program.getSemanticDiagnostics().length > 0
  );
}

/** The folder of the tsconfig.json, as mizan-gen computes it. */
function projectDirOf(program: TS.Program): string {
  const cwd = normalizePosix(program.getCurrentDirectory());
  const configFile = program.getCompilerOptions().configFilePath;
  if (typeof configFile !== "string") return cwd;
  const path = joinPosix(cwd, configFile);
  return path.slice(0, path.lastIndexOf("/"));
}

function lists(before: TS.TransformerFactory<TS.SourceFile>[]): TransformerLists {
  return { before, after: before, afterDeclarations: [] };
}
