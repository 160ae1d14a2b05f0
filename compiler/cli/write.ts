// Writing generated files: only those whose bytes changed, so builds and
// watchers downstream see no change when there is none.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import type { GeneratedFile } from "../../templates/index.js";

export interface FileStatus {
  name: string;
  path: string;
  state: "unchanged" | "changed" | "missing";
}

export async function compareFiles(outDir: string, files: readonly GeneratedFile[]): Promise<FileStatus[]> {
  return Promise.all(
    files.map(async (file) => {
      const path = `${outDir}/${file.name}`;
      const current = await readFile(path, "utf8").catch(() => undefined);
      const state = current === undefined ? "missing" : current === file.text ? "unchanged" : "changed";
      return { name: file.name, path, state } as FileStatus;
    }),
  );
}

/** Writes the files that differ and returns how many were written. */
export async function writeChanged(outDir: string, files: readonly GeneratedFile[]): Promise<FileStatus[]> {
  const statuses = await compareFiles(outDir, files);
  const stale = statuses.filter((s) => s.state !== "unchanged");
  if (stale.length > 0) await mkdir(outDir, { recursive: true });
  await Promise.all(stale.map((s) => writeFile(s.path, files.find((f) => f.name === s.name)!.text)));
  return statuses;
}
