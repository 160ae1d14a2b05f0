// Project references (`tsc -b`): a workspace package imported by its name
// resolves, through its package.json, to the built declarations of the
// project that makes it, where decorators are erased, and the analysis would
// find no @client method there. As TypeScript's language service does
// (`useSourceOfProjectReferenceRedirect`), Mizan reads the referenced
// project's source instead: each output declaration file of the referenced
// projects (transitively) maps to the source file it is built from.
import type * as TS from "typescript";
import { normalizePosix } from "../paths/posix.js";

export type ReferencedSources = ReadonlyMap<string, string>;

const NONE: ReferencedSources = new Map();
const DECLARATION = /\.d\.[mc]?ts$/;

/** The programs whose resolution reads referenced sources, and their maps (import-specifier.ts asks). */
const byProgram = new WeakMap<object, ReferencedSources>();
/** Per map: its resolution hosts (withOutputs), and each source's outputs (outputsOf). */
const hosts = new WeakMap<ReferencedSources, WeakMap<TS.ModuleResolutionHost, TS.ModuleResolutionHost>>();
const bySource = new WeakMap<ReferencedSources, Map<string, string[]>>();

/**
 * Output declaration file → source file, for the projects `references`
 * names and those they reference. `parse` reads a referenced tsconfig (it
 * may throw: that reference is then left out, and tsc -b reports it).
 */
export function referencedSources(
  ts: typeof TS,
  references: readonly TS.ProjectReference[] | undefined,
  parse: (tsconfig: string) => TS.ParsedCommandLine | undefined,
): ReferencedSources {
  if (!references?.length) return NONE;
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const ignoreCase = !ts.sys.useCaseSensitiveFileNames;
  const visit = (list: readonly TS.ProjectReference[]): void => {
    for (const reference of list) {
      const path = normalizePosix(ts.resolveProjectReferencePath(reference));
      if (seen.has(path)) continue;
      seen.add(path);
      let parsed: TS.ParsedCommandLine | undefined;
      try {
        parsed = parse(path);
      } catch {
        continue;
      }
      if (parsed === undefined) continue;
      for (const file of parsed.fileNames) {
        if (DECLARATION.test(file) || file.endsWith(".json")) continue;
        for (const output of ts.getOutputFileNames(parsed, file, ignoreCase)) {
          if (DECLARATION.test(output)) out.set(normalizePosix(output), normalizePosix(file));
        }
      }
      visit(parsed.projectReferences ?? []);
    }
  };
  visit(references);
  return out;
}

/** Parses a referenced tsconfig as tsc -b would read it (its errors are tsc -b's to report). */
export function parseReference(ts: typeof TS): (tsconfig: string) => TS.ParsedCommandLine | undefined {
  return (tsconfig) => ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
}

/**
 * Makes the host's module resolution answer a referenced project's source
 * where it would answer that project's output declaration file (a workspace
 * package's too: workspace-sources.ts). Nothing changes without either.
 */
export function resolveToSources(ts: typeof TS, host: TS.CompilerHost, options: TS.CompilerOptions, sources: ReferencedSources): void {
  if (sources.size === 0) return;
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (name) => host.getCanonicalFileName(name), options);
  const resolutionHost = withOutputs(host, sources);
  host.getModuleResolutionCache = () => cache;
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, resolutionHost, cache, redirected, mode);
      return redirectToSource(ts, resolved, sources);
    });
}

/**
 * A resolution host on which the referenced projects' outputs exist, built
 * or not (as the language service sees them): an import of a package whose
 * project was not built yet still reaches its source.
 */
export function withOutputs(host: TS.ModuleResolutionHost, sources: ReferencedSources): TS.ModuleResolutionHost {
  if (sources.size === 0) return host;
  // Made once per map and host: routes.ts's import specifiers ask for one per candidate.
  const made = hosts.get(sources) ?? hosts.set(sources, new WeakMap()).get(sources)!;
  const known = made.get(host);
  if (known !== undefined) return known;
  const folders = new Set<string>();
  for (const output of sources.keys()) {
    for (let dir = output.slice(0, output.lastIndexOf("/")); dir.includes("/") && !folders.has(dir); dir = dir.slice(0, dir.lastIndexOf("/"))) folders.add(dir);
  }
  // An output asked for through a workspace link (node_modules/@acme/api/dist/…): its real path is the
  // link's target and the rest, as its nearest folder that exists leads.
  const real = (path: string): string => {
    const normal = normalizePosix(path);
    if (!host.realpath || !normal.includes("/node_modules/")) return normal;
    for (let dir = normal.slice(0, normal.lastIndexOf("/")); dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
      if (host.directoryExists?.(dir) !== false) return normalizePosix(host.realpath(dir)) + normal.slice(dir.length);
    }
    return normal;
  };
  const wrapped: TS.ModuleResolutionHost = {
    ...host,
    fileExists: (file) => host.fileExists(file) || sources.has(real(file)),
    directoryExists: (dir) => (host.directoryExists?.(dir) ?? true) || folders.has(real(dir)),
    // Spread loses the methods' `this`: bound where the host has them.
    readFile: (file) => host.readFile(file),
    ...(host.realpath ? { realpath: (path: string) => (host.fileExists(path) ? host.realpath!(path) : real(path)) } : {}),
    ...(host.getDirectories ? { getDirectories: (path: string) => host.getDirectories!(path) } : {}),
  };
  made.set(host, wrapped);
  return wrapped;
}

/** A resolution that landed on a referenced project's output, moved to its source. */
export function redirectToSource<R extends TS.ResolvedModuleWithFailedLookupLocations>(ts: typeof TS, resolved: R, sources: ReferencedSources): R {
  const module = resolved.resolvedModule;
  const source = module && sources.get(normalizePosix(module.resolvedFileName));
  if (module === undefined || source === undefined) return resolved;
  const extension = ([ts.Extension.Tsx, ts.Extension.Mts, ts.Extension.Cts] as string[]).find((e) => source.endsWith(e)) ?? ts.Extension.Ts;
  return { ...resolved, resolvedModule: { ...module, resolvedFileName: source, extension, isExternalLibraryImport: false } };
}

/** Records that `program` reads these referenced sources. */
export function noteReferencedSources(program: object, sources: ReferencedSources): void {
  if (sources.size > 0) byProgram.set(program, sources);
}

/** The output declaration files built from `source` (none unless it belongs to a referenced project of `program`). */
export function outputsOf(program: object, source: string): readonly string[] {
  const sources = referencedSourcesOf(program);
  let outputs = bySource.get(sources);
  if (outputs === undefined) {
    outputs = new Map();
    for (const [output, from] of sources) outputs.set(from, [...(outputs.get(from) ?? []), output]);
    bySource.set(sources, outputs);
  }
  return outputs.get(source) ?? [];
}

/** The referenced sources `program`'s resolution reads (none for a program made without them). */
export function referencedSourcesOf(program: object): ReferencedSources {
  return byProgram.get(program) ?? NONE;
}
