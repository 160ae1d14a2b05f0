// Where the Vite plugin gets the names client code may call: the generated
// manifest.json (the generator run elsewhere), or the plugin's own run of
// the generator over the project's tsconfig, which writes the generated
// files that changed and hands over the IR it built. Either way one answer
// per start or change: the table, or the errors that stand in its way.
import { resolve } from "node:path";
import { tableFromIR, type CallTable } from "../compiler/client-check/table.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { normalizePosix } from "../compiler/options.js";
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
}

export interface TableSource {
  /** Files whose change calls for an update (absolute, posix). */
  concerns(path: string): boolean;
  /** Files a watching build should watch. */
  inputs(): string[];
  /** The first answer, then one per batch of changed files. */
  update(changed?: ReadonlySet<string>): Promise<TableUpdate>;
  /** The folder of the generated files, when the plugin writes them. */
  readonly outDir?: string;
  /** The folder the diagnostics' paths are relative to (the tsconfig's), when the plugin generates. */
  readonly projectDir?: string;
}

export function manifestSource(manifestPath: string): TableSource {
  return {
    concerns: (path) => path === manifestPath,
    inputs: () => [manifestPath],
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

/** Runs the generator; TypeScript and ts-morph are loaded only by a plugin that generates. */
export async function generatorSource(root: string, options: GenerateOptions): Promise<TableSource> {
  const [{ GenerationSession }, { writeChanged }] = await Promise.all([
    import("../compiler/cli/session.js"),
    import("../compiler/cli/write.js"),
  ]);
  const tsconfig = normalizePosix(resolve(root, options.project ?? "tsconfig.json"));
  // The client check of the program is left out: the plugin checks each client module as Vite loads it.
  const open = () => new GenerationSession({ project: tsconfig, out: options.out, skipClientCheck: true });
  let session = open();
  const isConfig = (path: string) => session.loaded.configFiles.includes(path);
  return {
    get outDir() {
      return session.outDir;
    },
    get projectDir() {
      return session.loaded.projectDir;
    },
    concerns: (path) => session.concerns(path) || isConfig(path),
    inputs: () => [...session.loaded.configFiles, ...session.loaded.rootFiles],
    async update(changed) {
      // A changed tsconfig can change anything (files, options, the output folder): load the project again.
      const reload = [...(changed ?? [])].some(isConfig);
      if (reload) session = open();
      const generation = await session.regenerate(reload ? undefined : changed);
      if (generation.diagnostics.length > 0) return { diagnostics: generation.diagnostics, written: [] };
      const written = writeChanged(session.outDir, generation.files)
        .filter((s) => s.state !== "unchanged")
        .map((s) => s.name);
      return { table: tableFromIR(generation.ir), diagnostics: [], written };
    },
  };
}
