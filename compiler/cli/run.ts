// One generation run of mizan-gen: answer from the cache when nothing
// changed; otherwise load the project, analyse, then print diagnostics, or
// check, or write what changed (report.ts). What a run needs before it knows
// it is cold is all this module loads: a cold run's parent process only
// starts the one from the declaration snapshot.
import { dirname, resolve } from "node:path";
import { cacheFile, cacheKey, dropCache, isFresh, makeRecord, prepareRecordFolder, readCache, recordSlot, writeRecord } from "../output/cache.js";
import { elapsed } from "../output/count.js";
import { runInSnapshot } from "../snapshot/launch.js";
import { snapshotState } from "../snapshot/state.js";

export interface RunOptions {
  project: string;
  out?: string;
  check: boolean;
}

export async function run(options: RunOptions): Promise<boolean> {
  const started = performance.now();
  const tsconfig = resolve(options.project);
  const key = cacheKey(tsconfig, options.out);
  const cache = cacheFile(dirname(tsconfig), recordSlot(tsconfig, options.out));
  // The snapshot's process runs only when its parent found the record stale.
  const record = snapshotState() === undefined ? readCache(cache, key) : undefined;
  const label = options.check ? "mizan-gen --check" : "mizan-gen";
  if (record && isFresh(record)) {
    // The cold run's warnings hold until an input changes (the project's typescript is one): said on every run.
    for (const warning of record.warnings ?? []) console.error(warning);
    console.log(`${label}: ${record.summary}; up to date, nothing changed since the last run (${elapsed(started)})`);
    return true;
  }
  // A cold run starts from the declaration snapshot when there is one (TypeScript loaded, node_modules' declarations parsed).
  const status = await runInSnapshot();
  if (status !== undefined) return status === 0;

  // TypeScript is loaded only now: the warm path above never needs it.
  const { programFiles, recordedFiles } = await import("../host/project.js");
  const { requestSnapshot } = await import("../snapshot/files.js");
  const { coldRun } = await import("./cold.js");
  const { report, summary } = await import("./report.js");
  const { formatDiagnostic } = await import("../diagnostics/diagnostic.js");
  const { withMissingRoutes } = await import("../validate/missing-routes.js");
  const cold = coldRun(tsconfig, options.out);
  const { project, input } = cold;
  const files = [...project.rootFiles, ...project.followed, ...programFiles(project.program)];
  const generation = withMissingRoutes(input.ts, project.program.getCompilerOptions(), cold.generation, files, project.projectDir, input.options.outDir);
  if (project.note) console.log(`${label}: ${project.note}`);
  const warnings = project.warnings.map(formatDiagnostic);
  for (const warning of warnings) console.error(warning);
  const found = summary(generation, project.rootFiles, input.options.outDir);
  const ok = await report(generation, input.options.outDir, options.check, found, started);
  if (ok) {
    prepareRecordFolder(cache);
    const inputs = [...new Set([...project.configFiles, ...project.solutionInputs, ...project.rootFiles, ...recordedFiles(project.program)])];
    const made = makeRecord(key, project.projectDir, input.options.outDir, inputs, generation.files, found, project.includedFolders());
    writeRecord(cache, warnings.length > 0 ? { ...made, warnings } : made);
  } else dropCache(cache);
  requestSnapshot();
  return ok;
}

