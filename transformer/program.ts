// One-pass tspc: the plugin as a program transformer (`"transformProgram":
// true` in its tsconfig entry). ts-patch calls it while tsc creates its
// program, before anything is checked or emitted. It analyses that program
// and writes the generated files; when a file's bytes changed (or it was
// missing: a fresh checkout), it hands tsc a new program made from the old
// one, in which every other source file is the same object (parsed and bound
// once) and the generated files are read again. tsc then checks the code
// against the routes and stubs of this very build: no TS2307 for files not
// yet generated, no TS2554 in a routes.ts one API change behind, and an error
// that a new stub causes in client code shows in the same build.
// When nothing changed on disk, the program is returned as it is.
//
// Diagnostics ride on emit, as with the source transformer: the program's
// `emit` is wrapped to attach them (ts-patch adds its own plugins' lists the
// same way).
import type * as TS from "typescript";
import type { PluginConfig } from "../compiler/input/options.js";
import { filesWithUnresolvedImports } from "../compiler/host/unresolved-imports.js";
import { normalizePosix } from "../compiler/paths/posix.js";
import { mizanTransformer, programResult, rememberResult, type TransformerExtras } from "./index.js";

export function transformProgram(program: TS.Program, host: TS.CompilerHost | undefined, config: PluginConfig, ts: typeof TS): TS.Program {
  // The analysis is the first to ask for tsc's checker, whose making binds
  // every file: tsc's own work, which its check then finds done. Timed apart
  // so that the plugin's lines count only the plugin's work.
  const checkerStarted = performance.now();
  program.getTypeChecker();
  if (process.env.MIZAN_TIMING) {
    process.stderr.write(`mizan: tsc's type checker made in ${Math.round(performance.now() - checkerStarted)} ms (binding; tsc's check reuses it)\n`);
  }
  const result = programResult(program, config, ts);
  let next = program;
  // manifest.json is no part of a program.
  const written = result.written.filter((path) => /\.[mc]?tsx?$/.test(path));
  if (written.length > 0) {
    const started = performance.now();
    next = recreate(program, host, ts, new Set(written));
    rememberResult(next, result);
    if (process.env.MIZAN_TIMING) {
      process.stderr.write(`mizan: program made again with the generated files in ${Math.round(performance.now() - started)} ms\n`);
    }
  }
  attachOnEmit(next, config, ts);
  return next;
}

/** The same program, but for the generated files, which are read from disk again. */
function recreate(old: TS.Program, host: TS.CompilerHost | undefined, ts: typeof TS, written: ReadonlySet<string>): TS.Program {
  const options = old.getCompilerOptions();
  const base = host ?? ts.createCompilerHost(options);
  const fresh = (fileName: string, languageVersionOrOptions: TS.ScriptTarget | TS.CreateSourceFileOptions): TS.SourceFile | undefined => {
    // Not through the host: a watch host would answer from its cache until its watcher fires.
    const text = ts.sys.readFile(fileName);
    if (text === undefined) return undefined;
    const file = ts.createSourceFile(fileName, text, languageVersionOrOptions);
    // Builder programs (incremental, watch) need a version; the hash is what tsc's own hosts use.
    (file as { version?: string }).version = (base.createHash ?? ts.sys.createHash)?.(text) ?? text;
    return file;
  };
  // The new program keeps its host: once it is made, the host must no
  // longer reach the old program, whose checker would otherwise stay in
  // memory (and be traced by every collection) for the rest of the build.
  // (No function made here may name `old`: all would hold it.)
  let held: TS.Program | undefined = old;
  const reuse: TS.CompilerHost = Object.create(base);
  // A generated file new to the program was an import that did not resolve
  // (a fresh checkout); TypeScript keeps a failed resolution of an unchanged
  // file unless told to resolve that file's imports again.
  // tsc's host also remembers that the files and their folder did not exist.
  if (!holdsAll(old, written)) {
    const unresolved = filesWithUnresolvedImports(old);
    const previous = base.hasInvalidatedResolutions?.bind(base);
    reuse.hasInvalidatedResolutions = (path) => unresolved.has(path) || (previous?.(path) ?? false);
    const folders = new Set([...written].map((path) => path.slice(0, path.lastIndexOf("/"))));
    reuse.fileExists = (fileName) => written.has(normalizePosix(fileName)) || base.fileExists(fileName);
    reuse.directoryExists = (dir) => folders.has(normalizePosix(dir)) || (base.directoryExists?.(dir) ?? ts.sys.directoryExists(dir));
    // A watch host resolves through its own cache, which keeps the failure
    // until its watchers fire: TypeScript's own resolver answers instead, for
    // the files above only. (The watchers then start one more, quiet, build.)
    reuse.resolveModuleNameLiterals = undefined;
    reuse.resolveModuleNames = undefined;
  }
  reuse.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) =>
    written.has(normalizePosix(fileName))
      ? fresh(fileName, languageVersionOrOptions)
      : held?.getSourceFile(fileName) ?? base.getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
  if (base.getSourceFileByPath) {
    const byPath = base.getSourceFileByPath.bind(base);
    reuse.getSourceFileByPath = (fileName, path, languageVersionOrOptions, onError, shouldCreateNewSourceFile) =>
      written.has(normalizePosix(fileName))
        ? fresh(fileName, languageVersionOrOptions)
        : held?.getSourceFileByPath(path) ?? byPath(fileName, path, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
  }
  const program = ts.createProgram({
    rootNames: rootNames(old, ts, written),
    options,
    host: reuse,
    oldProgram: old,
    projectReferences: old.getProjectReferences(),
    configFileParsingDiagnostics: old.getConfigFileParsingDiagnostics(),
  });
  held = undefined;
  return program;
}

/**
 * The old program's root files, and the generated files its tsconfig
 * includes: on a fresh checkout tsc listed the files before they existed,
 * and one that nothing imports (client.ts, read by another build) would not
 * be emitted until the next build.
 */
function rootNames(old: TS.Program, ts: typeof TS, written: ReadonlySet<string>): readonly string[] {
  const roots = old.getRootFileNames();
  const configFile = old.getCompilerOptions().configFilePath;
  const known = new Set(roots.map(normalizePosix));
  if (typeof configFile !== "string" || [...written].every((path) => known.has(path))) return roots;
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const listed = ts.getParsedCommandLineOfConfigFile(configFile, {}, host)?.fileNames.map(normalizePosix) ?? [];
  return [...roots, ...listed.filter((path) => written.has(path) && !known.has(path))];
}

/** Does the program hold every one of these files? */
function holdsAll(program: TS.Program, paths: ReadonlySet<string>): boolean {
  for (const path of paths) if (!program.getSourceFile(path)) return false;
  return true;
}

/**
 * Wraps `emit` so that each emit carries the Mizan diagnostics, as ts-patch
 * does for a source transformer. Under `noEmit` an incremental build never
 * calls the program's `emit` (its builder answers alone), so there they are
 * the program's global diagnostics instead, which tsc reads on every build.
 */
function attachOnEmit(program: TS.Program, config: PluginConfig, ts: typeof TS): void {
  if (program.getCompilerOptions().noEmit) {
    const global = program.getGlobalDiagnostics;
    program.getGlobalDiagnostics = (cancellationToken) => [...global.call(program, cancellationToken), ...programResult(program, config, ts).all];
    return;
  }
  const diagnostics: TS.Diagnostic[] = [];
  const extras: TransformerExtras = {
    ts,
    diagnostics,
    addDiagnostic: (d) => diagnostics.push(d),
    removeDiagnostic: (index) => void diagnostics.splice(index, 1),
  };
  const emit = program.emit;
  program.emit = (targetSourceFile, writeFile, cancellationToken, emitOnlyDts, custom, ...rest) => {
    const lists = mizanTransformer(program, config, extras);
    const transformers: TS.CustomTransformers = { ...custom, before: [...(custom?.before ?? []), ...lists.before] };
    const result = (emit as (...args: unknown[]) => TS.EmitResult).call(
      program, targetSourceFile, writeFile, cancellationToken, emitOnlyDts, transformers, ...rest,
    );
    const all = result.diagnostics as TS.Diagnostic[];
    for (const d of diagnostics) if (!all.includes(d)) all.push(d);
    return result;
  };
}
