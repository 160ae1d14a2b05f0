// What a cold run prints and writes once the project is analysed: the
// diagnostics, or --check's verdict and diff, or the files that changed.
// Loaded only then: a run answered from the cache, or handed to the
// declaration snapshot's process, never needs it.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Generation } from "../generate.js";
import { count, elapsed } from "../output/count.js";
import { compareFiles, writeChanged, type FileStatus } from "../output/write.js";
import { MAX_DIFF_LINES, unifiedDiff } from "./diff.js";

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
export const GENERATED = ["client.ts", "manifest.json", "routes.ts"] as const;

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
  const found = `scanned ${count(files, "file")}: ${count(g.stats.functions, "function")}, ${count(g.stats.contexts, "context")}`;
  const client = g.stats.clientFiles;
  if (client === undefined) return found;
  // Globs may name files another build compiles (a Vite app): the bundler plugins check those as they bundle them.
  return client > 0
    ? `${found}, ${count(client, "client file")} checked`
    : `${found}; no file of this program matches \`client\` (files that only a bundle holds are checked by the Vite or esbuild plugin)`;
}

function written(statuses: readonly FileStatus[]): string {
  const changed = statuses.filter((s) => s.state !== "unchanged").map((s) => s.name);
  return changed.length === 0 ? "all unchanged" : `wrote ${changed.join(", ")}`;
}

export function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}
