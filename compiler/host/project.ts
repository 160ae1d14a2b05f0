// mizan-gen's host: loads the project with the project's own `typescript`
// (the peer dependency) and hands the core that `ts` and a program. It does
// what tsc does for the same files and no more: one parse of the tsconfig,
// each file read once, JSDoc left unparsed in TypeScript files (as tsc
// does; Mizan never reads it), and no parent-pointer pass (binding sets
// them). Only the files that can matter are parsed: those whose text could
// declare something (see scan's `mayDeclare`), declaration files, files
// that augment modules or globals, and client files, plus whatever they
// import. Files outside the tsconfig's `include` that included files import
// are compiled by tsc, so they are read too: the import specifiers of the
// files that are not parsed are found by a cheap text search and resolved as
// tsc would. In watch mode `update` makes the next program from the previous
// one: unchanged files are the same parsed and bound objects.
import { resolve } from "node:path";
import type * as TS from "typescript";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CoreInput } from "../input/core-input.js";
import { findPluginConfig, resolveOptions, type PluginConfig } from "../input/options.js";
import { globMatcher } from "../paths/glob.js";
import { normalizePosix } from "../paths/posix.js";
import { projectRelative } from "../scan/location.js";
import { mayDeclare } from "../scan/scan.js";
import { preparedSourceFile } from "../snapshot/files.js";
import { checksNulls } from "../validate/null-checks.js";
import { builtPackageWarnings, type DeclarationImport } from "../validate/built-package.js";
import { typescriptVersionWarning, type OwnTypescript } from "../validate/typescript-version.js";
import { checkLeanProgram, type LeanLib } from "./lean-lib.js";
import { leanLibOptions } from "./lean-libs.js";
import { outsideIncludeFollower } from "./outside-include.js";
import { noteReferencedSources, parseReference, referencedSources, resolveToSources } from "../input/reference-sources.js";
import { projectSources, workspaceSources } from "../input/workspace-sources.js";
import { solutionTarget } from "./solution.js";
import { ts } from "./typescript.js";

export interface LoadedProject {
  /** The current program (a new one after each `update`). */
  readonly program: TS.Program;
  tsconfig: string;
  projectDir: string;
  config: PluginConfig;
  /** The tsconfig and the configs it extends. */
  configFiles: string[];
  /** Why another tsconfig than the one given is read (a solution-style tsconfig's reference: solution.ts). */
  note: string | undefined;
  /** What choosing that tsconfig read: the one given, its references and their files. */
  solutionInputs: string[];
  /** The files the tsconfig includes (the program holds only those that can matter, and their imports). */
  rootFiles: string[];
  /** Should this file be in the program? (Also asked about files that appear later, in watch mode.) */
  wanted(path: string): boolean;
  /** Reads the tsconfig's file list again (watch mode: files were added or removed). */
  listRootFiles(): string[];
  /** The folders the tsconfig's `include` reaches, where a new file would join the list (the warm run's record watches them). */
  includedFolders(): string[];
  /**
   * Makes the next program, reading these files (absolute, posix) again; a
   * file that is gone leaves it. A changed file not in the program is
   * examined again: it joins when it can now matter, and the imports of one
   * that is only followed (a package entry that re-exports) are followed.
   */
  update(changed: Iterable<string>): void;
  /** Every file read so far to follow its imports, not parsed (re-exports only): a watcher follows them too. */
  readonly followed: ReadonlySet<string>;
  /** Set while the program is the lean one, built without the DOM libraries (see lean-lib.ts). */
  readonly leanLib: LeanLib | undefined;
  /** Replaces the lean program by the full one (the parsed files are reused). */
  useFullLib(): void;
  /** Whether the project's own build checks nulls (the program always does: validate/null-checks.ts). */
  buildChecksNulls: boolean;
  /** Warnings about the set-up, found as the project loads (MZ6006, MZ6007): printed once, they fail nothing. */
  warnings: Diagnostic[];
}

export interface LoadOptions {
  /** Try the program without the DOM libraries first (mizan-gen's cold runs; watch mode keeps the full one). */
  leanLib?: boolean;
}

/** A file that declares globals or augments a module affects files that never import it. */
export const AUGMENTS = /\bdeclare\s+(?:global|module)\b/;

const DECLARATION = /\.d\.[mc]?ts$/;

function parseConfig(tsconfig: string): TS.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`cannot read ${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  // What tsc refuses the tsconfig for (a syntax error, an `extends` that names no file, an unknown
  // option) would otherwise leave settings out silently. No inputs (TS18003) is the run's to say.
  refuseConfig(tsconfig, [...ts.getConfigFileParsingDiagnostics(parsed), ...missingFiles(parsed)]);
  return parsed;
}

/** TS6053 for a `files` or `references` entry that names no file, as tsc says it (mizan-gen's program leaves out what it need not read, and has no references). */
function missingFiles(parsed: TS.ParsedCommandLine): TS.Diagnostic[] {
  const listed = (parsed.raw as { files?: unknown } | undefined)?.files === undefined ? [] : parsed.fileNames;
  const references = (parsed.projectReferences ?? []).map((reference) => ts.resolveProjectReferencePath(reference));
  return [...listed.filter((file) => !ts.sys.fileExists(file)), ...references.filter((file) => !ts.sys.fileExists(file))].map((file) => ({
    category: ts.DiagnosticCategory.Error,
    code: 6053,
    file: undefined,
    start: undefined,
    length: undefined,
    messageText: `File '${file}' not found.`,
  }));
}

/** Throws tsc's errors about a tsconfig: what tsc refuses must not be read in part. */
function refuseConfig(tsconfig: string, diagnostics: readonly TS.Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== NO_INPUTS);
  if (errors.length > 0) throw new Error(`cannot use ${tsconfig}, as tsc cannot:\n${errors.map(configError).join("\n")}`);
}

/** At most this many folders are recorded for the warm run; past it, a file added deeper is noticed by the next cold run only. */
const MAX_INCLUDED_FOLDERS = 20_000;

/**
 * Every folder below the tsconfig's wildcard directories (all depths for a
 * `**` pattern), node_modules and hidden folders left out: a folder holding
 * no input yet (only CSS, or nothing) gets one by a file added to it, which
 * changes no other folder's mtime.
 */
function includedFolders(parsed: TS.ParsedCommandLine): string[] {
  const out: string[] = [];
  const visit = (dir: string, recursive: boolean): void => {
    if (out.length >= MAX_INCLUDED_FOLDERS) return;
    out.push(dir);
    if (!recursive) return;
    for (const name of ts.sys.getDirectories(dir)) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      visit(`${dir}/${name}`, true);
    }
  };
  for (const [dir, flags] of Object.entries(parsed.wildcardDirectories ?? {})) {
    if (ts.sys.directoryExists(dir)) visit(normalizePosix(dir), (flags & ts.WatchDirectoryFlags.Recursive) !== 0);
  }
  return [...new Set(out)];
}

/** TS18003: "No inputs were found in config file". */
const NO_INPUTS = 18003;

/** Errors about where tsc would write its output (TS5011 rootDir, TS5055 and TS5056 outputs over inputs, TS6059 files outside rootDir). */
const EMIT_LAYOUT = new Set([5011, 5055, 5056, 6059]);
/** An option deprecated in this TypeScript (TS5101), or one of its values (TS5107). */
const DEPRECATED = new Set([5101, 5107]);

/**
 * The `typescript` the project itself installs (the nearest above its
 * folder): its package.json and its version ("" when unreadable); none
 * when it installs none.
 */
function projectTypescript(projectDir: string): OwnTypescript | undefined {
  for (let dir = projectDir; dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const manifest = `${dir}/node_modules/typescript/package.json`;
    const text = ts.sys.readFile(manifest);
    if (text === undefined) continue;
    let version = "";
    try {
      version = String((JSON.parse(text) as { version?: unknown }).version ?? "");
    } catch {
      // Unreadable: no version, as if it were current.
    }
    return { manifest, version };
  }
  return undefined;
}

function configError(d: TS.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return `  error TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `  ${d.file.fileName}:${line + 1}:${character + 1} - error TS${d.code}: ${message}`;
}

export function loadProject(tsconfigPath: string, load: LoadOptions = {}): LoadedProject {
  const given = normalizePosix(resolve(tsconfigPath));
  const target = solutionTarget(given, parseConfig(given), parseConfig);
  const tsconfig = normalizePosix(target.tsconfig);
  const { parsed } = target;
  const projectDir = tsconfig.slice(0, tsconfig.lastIndexOf("/"));
  // The project's own compiler decides the defaults of its build: TypeScript 5's `strict` is off unless set.
  const own = projectTypescript(projectDir);
  // Infinity when the project has none of its own, or its version does not read.
  const projectMajor = Number.parseInt(own?.version ?? "", 10) || Infinity;
  // The analysis must see null and undefined (validate/null-checks.ts); the project's own build is not affected.
  const buildChecksNulls = checksNulls(parsed.options, projectMajor >= 6);
  parsed.options.strictNullChecks = true;
  const config = findPluginConfig(parsed.options);
  const isClient = globMatcher(config.client ?? []);
  /** Texts read to decide whether a file is parsed, handed to the parser so that no file is read twice. */
  const texts = new Map<string, string>();
  /** The file's text when it need not be parsed (to follow its imports), or true when it must be. */
  const examine = (path: string): string | boolean => {
    if (DECLARATION.test(path) || isClient(projectRelative(projectDir, path))) return true;
    const text = ts.sys.readFile(path);
    if (text === undefined) return false;
    if (mayDeclare(text) || AUGMENTS.test(text)) {
      texts.set(path, text);
      return true;
    }
    return text;
  };
  const wanted = (path: string): boolean => examine(path) === true;

  const roots = new Set<string>();
  const followed = new Set<string>();
  const included = new Set(parsed.fileNames.map(normalizePosix));
  // Referenced projects, and workspace packages whose declarations their own tsconfig builds: read from their sources.
  const parse = parseReference(ts);
  const workspace = workspaceSources(ts, projectDir, parse);
  const sources = projectSources(referencedSources(ts, parsed.projectReferences, parse), workspace.sources);
  /** Declaration files of workspace packages that files read only to follow their imports import (MZ6007). */
  const declarationImports: DeclarationImport[] = [];
  const followImports = outsideIncludeFollower(parsed.options, projectDir, included, sources, (declaration, importer) =>
    declarationImports.push({ declaration, importer }),
  );
  // Files outside `include`: parsed when they may declare (their own imports
  // are then resolved by the program), else followed in turn.
  const visitAll = (files: Iterable<string>) => {
    const pending = [...files];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      const found = examine(file);
      if (found === true) roots.add(normalizePosix(file));
      else if (typeof found === "string") {
        followed.add(normalizePosix(file));
        pending.push(...followImports(file, found));
      }
    }
  };
  visitAll(parsed.fileNames);

  const host = ts.createCompilerHost(parsed.options, false);
  // tsc's own setting: JSDoc is parsed in JavaScript files only, where it carries types.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  /** Parsed files, kept for the next program (watch mode); a changed file is dropped. */
  const parsedFiles = new Map<string, TS.SourceFile>();
  const baseGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    let file = parsedFiles.get(fileName);
    if (file) return file;
    const text = texts.get(fileName);
    texts.delete(fileName);
    file =
      text !== undefined
        ? ts.createSourceFile(fileName, text, languageVersionOrOptions)
        : (preparedSourceFile(fileName, languageVersionOrOptions) ?? baseGetSourceFile(fileName, languageVersionOrOptions, onError));
    if (file) parsedFiles.set(fileName, file);
    return file;
  };

  resolveToSources(ts, host, parsed.options, sources);
  const create = (oldProgram?: TS.Program, options = parsed.options) => {
    // A file added since may resolve what did not (watch mode): no answer is kept from the program before.
    host.getModuleResolutionCache?.()?.clear();
    const made = ts.createProgram({ rootNames: [...roots], options, host, oldProgram, configFileParsingDiagnostics: parsed.errors });
    noteReferencedSources(made, sources);
    return made;
  };
  const lean = load.leanLib ? leanLibOptions(parsed.options) : undefined;
  let program = create(undefined, lean?.options);
  let leanLib: LeanLib | undefined;
  if (lean) {
    const checked = checkLeanProgram(program, lean.removed, (path) => isClient(projectRelative(projectDir, path)));
    if (typeof checked === "string") program = create();
    else leanLib = checked;
  }
  // The options' own errors, which tsc finds once it builds the program: a deprecated or
  // conflicting option (TS5xxx, TS6xxx, about the tsconfig). What the program's files lead to (a
  // `types` library not installed, a `/// <reference>` to nothing) is like a type error: tsc
  // fails on it, and mizan-gen, which needs no clean check, generates anyway; and so is the layout
  // of emitted files (rootDir, an output over an input), which mizan-gen never writes.
  const options = program.getOptionsDiagnostics();
  // A project built by TypeScript 5 is not refused for what TypeScript 6 deprecates (its `baseUrl`, `node10`):
  // its own compiler takes them, and refuses the `ignoreDeprecations: "6.0"` that would silence 6.
  const deprecations = projectMajor < 6 ? DEPRECATED : new Set<number>();
  refuseConfig(
    tsconfig,
    options.filter((d) => d.code >= 5000 && d.code < 7000 && !EMIT_LAYOUT.has(d.code) && !deprecations.has(d.code) && (!d.file || d.file.fileName.endsWith(".json"))),
  );
  const warnings = [typescriptVersionWarning(ts, program, projectDir, own), ...builtPackageWarnings(ts, program, projectDir, tsconfig, sources, declarationImports)].filter((w) => w !== undefined);
  const extended = (parsed.options.configFile as { extendedSourceFiles?: string[] } | undefined)?.extendedSourceFiles ?? [];
  return {
    get program() {
      return program;
    },
    tsconfig,
    projectDir,
    config,
    // The project's TypeScript too: its version decides defaults (a warm run's record, and --watch, follow it).
    // And the package.json files and tsconfigs that say which workspace packages are read from their sources.
    configFiles: [tsconfig, ...extended, ...(own ? [own.manifest] : []), ...workspace.files],
    note: target.note,
    solutionInputs: target.tsconfig === given ? target.read : [given, ...target.read],
    buildChecksNulls,
    warnings,
    rootFiles: parsed.fileNames,
    wanted,
    listRootFiles: () => parseConfig(tsconfig).fileNames,
    includedFolders: () => includedFolders(parsed),
    update(changed) {
      const examined: string[] = [];
      for (const path of changed) {
        parsedFiles.delete(path);
        texts.delete(path);
        const exists = ts.sys.fileExists(path);
        if (!exists) roots.delete(path);
        // A file already in the program stays (as it did); another joins when it can matter, or is followed.
        else if (!program.getSourceFile(path)) examined.push(path);
      }
      visitAll(examined);
      program = create(program);
    },
    followed,
    get leanLib() {
      return leanLib;
    },
    useFullLib() {
      leanLib = undefined;
      program = create();
    },
  };
}

/** Every file of the program, the default libraries too: what the warm path's record stamps (a patched lib file changes the analysis as any file does). */
export function recordedFiles(program: TS.Program): string[] {
  return program.getSourceFiles().map((file) => file.fileName);
}

/** The files of the program but the default libraries (which change only with TypeScript itself): what a watcher follows. */
export function programFiles(program: TS.Program): string[] {
  return program
    .getSourceFiles()
    .filter((file) => !program.isSourceFileDefaultLibrary(file))
    .map((file) => file.fileName);
}

export function coreInput(
  loaded: Pick<LoadedProject, "program" | "projectDir" | "config" | "leanLib" | "buildChecksNulls">,
  overrides: { out?: string },
): CoreInput {
  return {
    ts,
    program: loaded.program,
    projectDir: loaded.projectDir,
    options: resolveOptions(loaded.projectDir, loaded.config, overrides),
    domGlobals: loaded.leanLib?.dom,
    buildChecksNulls: loaded.buildChecksNulls,
  };
}
