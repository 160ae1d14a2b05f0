// One generation run of mizan-gen: answer from the cache when nothing
// changed; otherwise load the project, analyse, then print diagnostics, or
// check, or write what changed.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Generation } from "../generate.js";
import { cacheFile, cacheKey, dropCache, isFresh, makeRecord, prepareRecordFolder, readCache, writeRecord } from "../output/cache.js";
import { count } from "../output/count.js";
import { runInSnapshot } from "../snapshot/launch.js";
import { snapshotState } from "../snapshot/state.js";
import { unifiedDiff } from "./diff.js";
import { compareFiles, writeChanged, type FileStatus } from "../output/write.js";

export interface RunOptions {
  project: string;
  out?: string;
  check: boolean;
}

export async function run(options: RunOptions): Promise<boolean> {
  const started = performance.now();
  const tsconfig = resolve(options.project);
  const key = cacheKey(tsconfig, options.out);
  const cache = cacheFile(dirname(tsconfig), key);
  // The snapshot's process runs only when its parent found the record stale.
  const record = snapshotState() === undefined ? readCache(cache, key) : undefined;
  const label = options.check ? "mizan-gen --check" : "mizan-gen";
  if (record && isFresh(record)) {
    console.log(`${label}: ${record.summary}; up to date, nothing changed since the last run (${elapsed(started)})`);
    return true;
  }
  // A cold run starts from the declaration snapshot when there is one (TypeScript loaded, node_modules' declarations parsed).
  const status = await runInSnapshot();
  if (status !== undefined) return status === 0;

  // TypeScript is loaded only now: the warm path above never needs it.
  const { recordedFiles } = await import("../host/project.js");
  const { requestSnapshot } = await import("../snapshot/files.js");
  const { coldRun } = await import("./cold.js");
  const { project, input, generation } = coldRun(tsconfig, options.out);
  if (project.note) console.log(`${label}: ${project.note}`);
  const found = summary(generation, project.rootFiles, input.options.outDir);
  const ok = await report(generation, input.options.outDir, options.check, found, started);
  if (ok) {
    prepareRecordFolder(cache);
    const inputs = [...new Set([...project.configFiles, ...project.solutionInputs, ...project.rootFiles, ...recordedFiles(project.program)])];
    writeRecord(cache, makeRecord(key, project.projectDir, input.options.outDir, inputs, generation.files, found));
  } else dropCache(cache);
  requestSnapshot();
  return ok;
}

/** Prints the diagnostics, or checks the files, or writes those that changed. False on any problem. */
export async function report(
  generation: Generation,
  outDir: string,
  check: boolean,
  found: string,
  started: number,
): Promise<boolean> {
  const label = check ? "mizan-gen --check" : "mizan-gen";
  if (generation.diagnostics.length > 0) {
    for (const d of generation.diagnostics) console.error(formatDiagnostic(d));
    const n = generation.diagnostics.length;
    console.error(`\nmizan-gen: ${n} error${n === 1 ? "" : "s"}; nothing written`);
    return false;
  }
  if (isEmpty(generation)) {
    // Three files that declare nothing would only hide a set-up mistake (wrong include, wrong project).
    console.log(`${label}: ${found}: no @client methods and no defineContext calls, so nothing written (${elapsed(started)})`);
    // Files of an earlier run are left (a set-up mistake must not delete them), but they are stale.
    const left = GENERATED.filter((name) => existsSync(`${outDir}/${name}`));
    if (left.length === 0) return true;
    const where = left.map((name) => shortPath(`${outDir}/${name}`)).join(", ");
    (check ? console.error : console.log)(`${label}: ${where} left from an earlier run declare what the project no longer does; delete them if that is meant`);
    return !check;
  }
  if (check) {
    const stale = compareFiles(outDir, generation.files).filter((s) => s.state !== "unchanged");
    for (const s of stale) console.error(`${label}: ${shortPath(s.path)} is ${s.state === "missing" ? "missing" : "stale"}`);
    if (stale.length > 0) {
      printDiff(stale, generation);
      console.error("Run mizan-gen to regenerate, then commit the result.");
      return false;
    }
    console.log(`${label}: ${found}; up to date (${elapsed(started)})`);
    return true;
  }
  const statuses = writeChanged(outDir, generation.files);
  console.log(`${label}: ${found} → ${shortPath(outDir)}/ (${written(statuses)}) in ${elapsed(started)}`);
  return true;
}

/** The files a run writes. */
const GENERATED = ["client.ts", "manifest.json", "routes.ts"] as const;

/** Most diff lines --check prints: enough to see what changed, not a whole regenerated file in a CI log. */
export const MAX_DIFF_LINES = 200;

/** The unified diff of each stale file against what would be written, capped at MAX_DIFF_LINES in all. */
function printDiff(stale: readonly FileStatus[], generation: Generation): void {
  const lines = stale.flatMap((s) => {
    const current = s.state === "missing" ? undefined : readFileSync(s.path, "utf8");
    return unifiedDiff(shortPath(s.path), current, generation.files.find((f) => f.name === s.name)!.text);
  });
  console.error(lines.slice(0, MAX_DIFF_LINES).join("\n"));
  if (lines.length > MAX_DIFF_LINES) console.error(`... ${lines.length - MAX_DIFF_LINES} more lines of diff not shown`);
}

/** Nothing declared: no generated file is written (nor checked). */
export function isEmpty(g: Pick<Generation, "stats">): boolean {
  return g.stats.functions === 0 && g.stats.contexts === 0;
}

/** What a run found; the generated files, which the tsconfig may include, are not counted as scanned. */
export function summary(g: Generation, rootFiles: readonly string[], outDir: string): string {
  const files = rootFiles.filter((file) => !file.startsWith(`${outDir}/`)).length;
  return `scanned ${count(files, "file")}: ${count(g.stats.functions, "function")}, ${count(g.stats.contexts, "context")}`;
}

function written(statuses: readonly FileStatus[]): string {
  const changed = statuses.filter((s) => s.state !== "unchanged").map((s) => s.name);
  return changed.length === 0 ? "all unchanged" : `wrote ${changed.join(", ")}`;
}

function elapsed(started: number): string {
  const ms = performance.now() - started;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}
