// Writing generated files: only those whose bytes changed, so builds and
// watchers downstream see no change when there is none; and atomically
// (a temporary file renamed over the old one), so a dev server or a test
// reading routes.ts never sees half a file. Synchronous, so the transformer,
// which cannot await, writes the same way.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { GeneratedFile } from "../../templates/index.js";

export interface FileStatus {
  name: string;
  path: string;
  state: "unchanged" | "changed" | "missing";
}

export function compareFiles(outDir: string, files: readonly GeneratedFile[]): FileStatus[] {
  return files.map((file) => {
    const path = `${outDir}/${file.name}`;
    const current = read(path);
    const state = current === undefined ? "missing" : current.equals(Buffer.from(file.text)) ? "unchanged" : "changed";
    return { name: file.name, path, state };
  });
}

/** Writes the files that differ; returns every file's state before the write. */
export function writeChanged(outDir: string, files: readonly GeneratedFile[]): FileStatus[] {
  const statuses = compareFiles(outDir, files);
  const stale = statuses.filter((s) => s.state !== "unchanged");
  if (stale.length > 0) mkdirSync(outDir, { recursive: true });
  for (const s of stale) {
    const temporary = `${s.path}.${process.pid}.tmp`;
    writeFileSync(temporary, files.find((f) => f.name === s.name)!.text);
    renameSync(temporary, s.path);
  }
  return statuses;
}

/** As bytes: a file read as a string would stay in the heap until a full collection (megabytes, in a tspc build). */
function read(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
