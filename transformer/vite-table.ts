// Where the Vite plugin gets the names client code may call: the generated
// manifest.json, written by mizan-gen run elsewhere or by the plugin's own
// run of the generator over the project's tsconfig (which writes the
// generated files that changed). Either way the names are the manifest's,
// as for the esbuild plugin, and there is one answer per start or change:
// the table, or the errors that stand in its way.
import { resolve } from "node:path";
import { tableFromManifest, type CallTable } from "../compiler/client-check/table.js";
import type { GenerationSession } from "../compiler/cli/session.js";
import { isProjectSource } from "../compiler/cli/sources.js";
import { formatDiagnostic, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { normalizePosix } from "../compiler/paths/posix.js";
import type { GeneratedFile } from "../templates/index.js";
import { readManifestTable } from "./bundler-check.js";

export interface TableUpdate {
  /** Undefined when there are errors. */
  table?: CallTable;
  /** Mizan diagnostics of the generator's run (server code). */
  diagnostics: Diagnostic[];
  /** A failure that is no diagnostic: an unreadable manifest or tsconfig. */
  error?: string;
  /** Generated files written by this update. */
  written: string[];
  /** The generated files as this update left them (a clean generator run): the dev server writes them back if they go. */
  files?: readonly GeneratedFile[];
  /** Warnings about the project's set-up (MZ6006, MZ6007), as mizan-gen prints them: given once per start, and again after the tsconfig changes. */
  warnings?: string[];
}

export interface TableSource {
  /** Files whose change calls for an update (absolute, posix). */
  concerns(path: string): boolean;
  /** Files a watching build should watch. */
  inputs(): string[];
  /**
   * What the generator read that a watcher of the project does not see
   * (node_modules declarations, a sibling package, the tsconfig files):
   * watched by name, and concerned too.
   */
  elsewhere(): string[];
  /** The first answer, then one per batch of changed files; `listChanged` when files were added or removed. */
  update(changed?: ReadonlySet<string>, listChanged?: boolean): Promise<TableUpdate>;
  /** The folder of the generated files, when the plugin writes them. */
  readonly outDir?: string;
  /** The folder the diagnostics' paths are relative to (the tsconfig's), when the plugin generates. */
  readonly projectDir?: string;
}

export function manifestSource(manifestPath: string): TableSource {
  return {
    concerns: (path) => path === manifestPath,
    inputs: () => [manifestPath],
    elsewhere: () => [],
    async update() {
      try {
        return { table: await readManifestTable(manifestPath), diagnostics: [], written: [] };
      } catch (error) {
        return { diagnostics: [], error: (error as Error).message, written: [] };
      }
    },
  };
}

export interface GenerateOptions {
  /** The tsconfig holding the "mizan-gen/transformer" entry, relative to root. Default: tsconfig.json. */
  project?: string;
  /** The folder of the generated files, relative to the tsconfig; overrides the entry's `out`. */
  out?: string;
}

/**
 * Runs the generator. The first run answers from mizan-gen's record of the
 * last good run when no input changed (compiler/output/cache.ts): it reads
 * the manifest and never loads TypeScript. Otherwise, and on every change,
 * a generation session (TypeScript, loaded only now) analyses
 * what changed and writes the generated files whose bytes differ. With
 * `preload` (a dev server), a warm start loads the session in the background
 * so that the first edit does not wait for it.
 */
export async function generatorSource(root: string, options: GenerateOptions, preload: boolean): Promise<TableSource> {
  const cli = await import("../compiler/output/cache.js");
  const tsconfig = normalizePosix(resolve(root, options.project ?? "tsconfig.json"));
  const projectDir = tsconfig.slice(0, tsconfig.lastIndexOf("/"));
  // Not mizan-gen's record: this run leaves out the client check, so its clean result is not mizan-gen's.
  const variant = "\u0000without the client check";
  const key = `${cli.cacheKey(tsconfig, options.out)}${variant}`;
  const recordFile = cli.cacheFile(projectDir, `${cli.recordSlot(tsconfig, options.out)}${variant}`);
  const warm = cli.readCache(recordFile, key);
  let session: GenerationSession | undefined;
  /** A session loading (and analysing the whole project once) in the background, in dev after a warm start. */
  let opening: Promise<GenerationSession> | undefined;

  const open = async (): Promise<GenerationSession> => {
    const { GenerationSession } = await import("../compiler/cli/session.js");
    // The client check of the program is left out: the plugin checks each client module as Vite loads it.
    return new GenerationSession({ project: tsconfig, out: options.out, skipClientCheck: true });
  };
  const outDir = () => session?.outDir ?? warm?.outDir;
  const isConfig = (path: string) =>
    session ? session.loaded.configFiles.includes(path) : path.endsWith(".json") && !!warm && path in warm.inputs;
  // Until a session has read the program, the last good run's record says what it read.
  let elsewhere = new Set(Object.keys(warm?.inputs ?? {}).filter((path) => !isProjectSource(projectDir, warm!.outDir, path)));

  return {
    projectDir,
    get outDir() {
      return outDir();
    },
    concerns: (path) => isProjectSource(projectDir, outDir(), path) || isConfig(path) || elsewhere.has(path),
    inputs: () =>
      session ? [...session.loaded.configFiles, ...session.loaded.rootFiles] : Object.keys(warm?.inputs ?? {}),
    elsewhere: () => [...elsewhere],
    async update(changed, listChanged = false) {
      if (!session && !opening && !changed && warm && cli.isFresh(warm)) {
        const table = await readManifestTable(`${warm.outDir}/manifest.json`);
        // A dev server's first edit should not wait for TypeScript: load and analyse the project now, in the background.
        if (preload) {
          opening = open().then(async (loaded) => (await loaded.regenerate(), loaded));
          opening.catch(() => undefined); // a failure is reported by the next update; the one after opens anew
        }
        return { table, diagnostics: [], written: [], warnings: warm.warnings ?? [] };
      }
      // A changed tsconfig can change anything: load the project again.
      let whole = [...(changed ?? [])].some(isConfig);
      if (whole) session = opening = undefined;
      // A warm start has said its record's warnings; the session it preloads says them no more.
      const opened = session === undefined && opening === undefined;
      if (!session) {
        const pending = opening;
        opening = undefined;
        if (pending) session = await pending;
        else {
          session = await open();
          whole = true;
        }
      }
      const current = session;
      const warnings = opened ? current.loaded.warnings.map(formatDiagnostic) : [];
      // Files added or removed: the tsconfig's file list is read again, as mizan-gen --watch does.
      const generation = await current.regenerate(whole ? undefined : changed, listChanged);
      elsewhere = new Set(current.readElsewhere());
      if (generation.diagnostics.length > 0) {
        cli.dropCache(recordFile);
        return { diagnostics: generation.diagnostics, written: [], warnings };
      }
      const { writeChanged } = await import("../compiler/output/write.js");
      const written = writeChanged(current.outDir, generation.files)
        .filter((s) => s.state !== "unchanged")
        .map((s) => s.name);
      const { loaded } = current;
      const { recordedFiles } = await import("../compiler/host/project.js");
      const inputs = [...loaded.configFiles, ...loaded.rootFiles, ...recordedFiles(loaded.program)];
      const made = cli.makeRecord(key, loaded.projectDir, current.outDir, inputs, generation.files, "vite");
      const said = loaded.warnings.map(formatDiagnostic);
      cli.writeRecord(recordFile, said.length > 0 ? { ...made, warnings: said } : made);
      const manifest = generation.files.find((f) => f.name === "manifest.json")!;
      return { table: tableFromManifest(JSON.parse(manifest.text)), diagnostics: [], written, warnings, files: generation.files };
    },
  };
}
