// A solution-style tsconfig (`"files": []` and `references`, as Vite's
// templates write tsconfig.json) holds no files of its own, and `tsc -b`
// builds the projects it references. mizan-gen reads the one referenced
// project whose files import mizan; with none, the tsconfig as given (the run
// then says it found nothing); with several, it asks which.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type * as TS from "typescript";
import { ts } from "./typescript.js";

export interface Target {
  /** The tsconfig to read, and its parsed form. */
  tsconfig: string;
  parsed: TS.ParsedCommandLine;
  /** Said before the run when it is not the one given. */
  note?: string;
  /** The files the choice read (the referenced tsconfigs and their files): a change to one can change it. */
  read: string[];
}

/** The project to read for `tsconfig`, already parsed as `parsed`; `parse` reads a referenced one. */
export function solutionTarget(tsconfig: string, parsed: TS.ParsedCommandLine, parse: (tsconfig: string) => TS.ParsedCommandLine): Target {
  const references = parsed.projectReferences ?? [];
  if (parsed.fileNames.length > 0 || references.length === 0) return { tsconfig, parsed, read: [] };
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const read: string[] = [];
  const declaring: { tsconfig: string; parsed: TS.ParsedCommandLine }[] = [];
  for (const path of references.map((r) => ts.resolveProjectReferencePath(r))) {
    let reference: TS.ParsedCommandLine | undefined;
    try {
      reference = parse(path);
    } catch {
      // A reference that does not parse declares nothing here; tsc -b reports it.
    }
    const files = reference?.fileNames.filter((file) => !file.endsWith(".d.ts")) ?? [];
    read.push(path, ...files);
    if (files.some((file) => /\bfrom\s*["']mizan["']/.test(readFileSync(file, "utf8")))) declaring.push({ tsconfig: path, parsed: reference! });
  }
  if (declaring.length === 0) return { tsconfig, parsed, read };
  if (declaring.length > 1) {
    throw new Error(
      `${shown(tsconfig)} holds no files, and several projects it references import mizan (${declaring.map((d) => shown(d.tsconfig)).join(", ")}): ` +
        "run mizan-gen --project on the server project's tsconfig",
    );
  }
  const [chosen] = declaring;
  const note = `${shown(tsconfig)} holds no files: reading ${shown(chosen!.tsconfig)}, the project it references that imports mizan`;
  return { ...chosen!, note, read };
}
