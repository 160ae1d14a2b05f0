// Writes the generated files whose bytes changed, synchronously: a
// TypeScript transformer cannot await. Same rule as mizan-gen's writer, so a
// build that changes nothing touches nothing and wakes no watcher.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { GeneratedFile } from "../templates/index.js";

export function writeChangedSync(outDir: string, files: readonly GeneratedFile[]): void {
  const stale = files.filter((file) => read(`${outDir}/${file.name}`) !== file.text);
  if (stale.length === 0) return;
  mkdirSync(outDir, { recursive: true });
  for (const file of stale) writeFileSync(`${outDir}/${file.name}`, file.text);
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
