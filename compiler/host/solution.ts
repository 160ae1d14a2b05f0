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
  /** The tsconfig to read. */
  tsconfig: string;
  /** Said before the run when it is not the one given. */
  note?: string;
  /** The files the choice read (the referenced tsconfigs and their files): a change to one can change it. */
  read: string[];
}

export function solutionTarget(tsconfig: string): Target {
  const solution = parse(tsconfig);
  const references = solution?.projectReferences ?? [];
  if (!solution || solution.fileNames.length > 0 || references.length === 0) return { tsconfig, read: [] };
  const shown = (path: string) => relative(process.cwd(), path) || path;
  const read: string[] = [];
  const declaring = references
    .map((r) => ts.resolveProjectReferencePath(r))
    .filter((path) => {
      const files = parse(path)?.fileNames.filter((file) => !file.endsWith(".d.ts")) ?? [];
      read.push(path, ...files);
      return files.some((file) => /\bfrom\s*["']mizan["']/.test(readFileSync(file, "utf8")));
    });
  if (declaring.length === 0) return { tsconfig, read };
  if (declaring.length > 1) {
    throw new Error(
      `${shown(tsconfig)} holds no files, and several projects it references import mizan (${declaring.map(shown).join(", ")}): ` +
        "run mizan-gen --project on the server project's tsconfig",
    );
  }
  const note = `${shown(tsconfig)} holds no files: reading ${shown(declaring[0]!)}, the project it references that imports mizan`;
  return { tsconfig: declaring[0]!, note, read };
}

function parse(tsconfig: string): TS.ParsedCommandLine | undefined {
  const host: TS.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  return ts.getParsedCommandLineOfConfigFile(tsconfig, {}, host);
}
