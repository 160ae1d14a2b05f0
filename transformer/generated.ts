// The transformer's writing of the generated files. Rendering costs about
// as much as the analysis and most builds leave the API as it was, so the
// files are rendered only when what they are made from (the IR, the paths,
// the code that renders) differs from the last render, or when a file on
// disk is no longer what was written. The record sits beside mizan-gen's, in
// node_modules/.cache/mizan.
import { createHash } from "node:crypto";
import { cacheFile, generatorVersion, hashText, outputsMatch, readRecord, writeRecord } from "../compiler/output/cache.js";
import type { ProjectIR } from "../compiler/ir/types.js";
import { renderFiles } from "../templates/index.js";
import { writeChanged } from "../compiler/output/write.js";

/** The project's folder and the out folder, absolute. */
interface Paths {
  projectDir: string;
  outDir: string;
}

interface RenderRecord {
  key: string;
  /** File name → hash of the text written. */
  outputs: Record<string, string>;
}

export interface Written {
  /** Whether the files were rendered (their IR or a file on disk differed from the last render). */
  rendered: boolean;
  /** Absolute paths of the files whose bytes on disk changed (or that were missing). */
  changed: string[];
}

export function writeGenerated(ir: ProjectIR, paths: Paths): Written {
  const key = renderKey(ir, paths);
  const file = cacheFile(paths.projectDir, `transformer\u0000${paths.outDir}`);
  const record = readRecord<RenderRecord>(file);
  if (record?.key === key && outputsMatch(paths.outDir, record.outputs)) return { rendered: false, changed: [] };
  const files = renderFiles(ir);
  const statuses = writeChanged(paths.outDir, files);
  writeRecord(file, { key, outputs: Object.fromEntries(files.map((f) => [f.name, hashText(f.text)])) });
  return { rendered: true, changed: statuses.filter((s) => s.state !== "unchanged").map((s) => s.path) };
}

/**
 * Hashed part by part (the IR of a large project is megabytes as one
 * string), without source locations: the templates never print them, and
 * an edit above a declaration moves them without changing the files. The
 * generator's version is part of it: work on Mizan, or an upgrade, renders again.
 */
function renderKey(ir: ProjectIR, paths: Paths): string {
  const hash = createHash("sha1").update(`${generatorVersion()}\u0000${paths.projectDir}\u0000${paths.outDir}\u0000${ir.version}\u0000${ir.basePath}`);
  const withoutLocation = (key: string, value: unknown) => (key === "location" ? undefined : value);
  for (const part of [ir.contexts, ir.functions, ir.types]) {
    hash.update("\u0000");
    for (const item of part) hash.update(JSON.stringify(item, withoutLocation));
  }
  return hash.digest("base64url");
}
