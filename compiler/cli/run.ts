// One generation run of mizan-gen: load (or reuse) the project, analyse,
// then print diagnostics, or check, or write what changed.
import { relative } from "node:path";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { generate, type Generation } from "../generate.js";
import { coreInput, loadProject, type LoadedProject } from "../host/ts-morph.js";
import { compareFiles, writeChanged, type FileStatus } from "./write.js";

export interface RunOptions {
  project: string;
  out?: string;
  check: boolean;
}

export async function run(options: RunOptions, loaded?: LoadedProject): Promise<boolean> {
  const started = performance.now();
  const project = loaded ?? loadProject(options.project);
  const input = coreInput(project, { out: options.out });
  const generation = generate(input);
  const outDir = input.options.outDir;
  if (generation.diagnostics.length > 0) {
    for (const d of generation.diagnostics) console.error(formatDiagnostic(d));
    const n = generation.diagnostics.length;
    console.error(`\nmizan-gen: ${n} error${n === 1 ? "" : "s"}; nothing written`);
    return false;
  }
  if (options.check) {
    const stale = (await compareFiles(outDir, generation.files)).filter((s) => s.state !== "unchanged");
    for (const s of stale) console.error(`mizan-gen --check: ${shortPath(s.path)} is ${s.state === "missing" ? "missing" : "stale"}`);
    if (stale.length > 0) {
      console.error("Run mizan-gen to regenerate, then commit the result.");
      return false;
    }
    console.log(`mizan-gen --check: ${summary(generation)}; up to date (${elapsed(started)})`);
    return true;
  }
  const statuses = await writeChanged(outDir, generation.files);
  console.log(`mizan-gen: ${summary(generation)} → ${shortPath(outDir)}/ (${written(statuses)}) in ${elapsed(started)}`);
  return true;
}

function summary(g: Generation): string {
  const { functions, contexts, filesScanned, files } = g.stats;
  return `${functions} functions, ${contexts} contexts from ${filesScanned} of ${files} files`;
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
