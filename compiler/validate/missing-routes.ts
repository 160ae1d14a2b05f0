// MZ6005: nothing declared while a file of the project imports the generated
// routes.ts, which is not there. On a fresh checkout where only routes.ts
// imports the @client classes (a workspace package the server reaches only
// through the route table), the generation, which reads the project's files,
// cannot reach them, and tsc then fails on the missing file (TS2307) with no
// word about why. Said at that import, with what to do.
import { existsSync, readFileSync } from "node:fs";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { modulePath } from "../scan/location.js";

/** Relative import specifiers, found by text (the files that declare nothing are not parsed). */
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"'\n]+)["']/g;

/** The diagnostic for the first of `files` that imports `outDir`'s routes.ts while it does not exist. */
export function missingRoutes(files: Iterable<{ fileName: string; text: string }>, projectDir: string, outDir: string): Diagnostic | undefined {
  const routes = `${outDir}/routes`;
  if (existsSync(`${routes}.ts`)) return undefined;
  for (const { fileName, text } of files) {
    if (!text.includes("routes")) continue;
    const dir = fileName.slice(0, fileName.lastIndexOf("/"));
    for (const match of text.matchAll(SPECIFIER)) {
      if (resolvePosix(dir, match[1]!).replace(/\.[mc]?[jt]s$/, "") !== routes) continue;
      const before = text.slice(0, match.index + match[0].indexOf(match[1]!) - 1);
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      const file = modulePath(projectDir, fileName);
      return diagnostic("MZ6005", "missing", { file, line, column }, modulePath(projectDir, `${routes}.ts`));
    }
  }
  return undefined;
}

function resolvePosix(dir: string, specifier: string): string {
  const parts = dir.split("/");
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** A generation that found nothing gets MZ6005 when a root file imports the missing routes.ts (mizan-gen: those files are not all parsed). */
export function withMissingRoutes<G extends { diagnostics: Diagnostic[]; stats: { functions: number; contexts: number } }>(
  generation: G,
  rootFiles: readonly string[],
  projectDir: string,
  outDir: string,
): G {
  if (generation.diagnostics.length > 0 || generation.stats.functions > 0 || generation.stats.contexts > 0) return generation;
  const texts = rootFiles.filter((file) => !/\.d\.[mc]?ts$/.test(file)).map((fileName) => ({ fileName, text: readText(fileName) }));
  const found = missingRoutes(texts, projectDir, outDir);
  return found === undefined ? generation : { ...generation, diagnostics: [found] };
}

function readText(fileName: string): string {
  try {
    return readFileSync(fileName, "utf8");
  } catch {
    return "";
  }
}
