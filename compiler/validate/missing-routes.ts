// MZ6005: no @client method found while a file of the project imports the
// generated routes.ts, which is not there. On a fresh checkout where only
// routes.ts imports the @client classes (a workspace package the server
// reaches only through the route table), the generation, which reads the
// project's files, cannot reach them, and tsc then fails on the missing
// file (TS2307) with no word about why. Said at that import, with what to do.
import { existsSync, readFileSync } from "node:fs";
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import { starMatch } from "../paths/pattern.js";
import { joinPosix, normalizePosix } from "../paths/posix.js";
import { modulePath } from "../scan/location.js";

/** The diagnostic for the first of `files` that imports `outDir`'s routes.ts while it does not exist. */
export function missingRoutes(
  ts: TypeScript,
  options: TS.CompilerOptions,
  files: Iterable<{ fileName: string; text: string }>,
  projectDir: string,
  outDir: string,
): Diagnostic | undefined {
  const routes = `${outDir}/routes`;
  if (existsSync(`${routes}.ts`)) return undefined;
  for (const { fileName, text } of files) {
    if (!text.includes("routes")) continue;
    // TypeScript's own import scan: comments and strings are not imports.
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      if (!targets(imported.fileName, fileName, options, projectDir).some((target) => stripExtension(target) === routes)) continue;
      // At the specifier's opening quote (where preProcessFile's position is), as tsc's TS2307.
      const before = text.slice(0, imported.pos);
      const location = { file: modulePath(projectDir, fileName), line: before.split("\n").length, column: before.length - before.lastIndexOf("\n") };
      return diagnostic("MZ6005", "missing", location, modulePath(projectDir, `${routes}.ts`));
    }
  }
  return undefined;
}

/** Where a specifier can lead without the file existing: a relative path, or each `paths` alias's targets. */
function targets(specifier: string, fileName: string, options: TS.CompilerOptions, projectDir: string): string[] {
  if (specifier.startsWith("./") || specifier.startsWith("../")) return [joinPosix(fileName.slice(0, fileName.lastIndexOf("/")), specifier)];
  const base = normalizePosix((options as { pathsBasePath?: string }).pathsBasePath ?? options.baseUrl ?? projectDir);
  const out: string[] = [];
  for (const [pattern, mapped] of Object.entries(options.paths ?? {})) {
    const star = starMatch(pattern, specifier);
    if (star === undefined) continue;
    for (const target of mapped) out.push(joinPosix(base, target.replace("*", star)));
  }
  return out;
}

function stripExtension(path: string): string {
  return path.replace(/\.[mc]?[jt]sx?$/, "");
}

/**
 * A generation that found no @client method gets MZ6005 when a file of the
 * project imports the missing routes.ts: mizan-gen reads them from disk
 * (the tsconfig's files, those it followed and its program's), as it does
 * not parse them all.
 */
export function withMissingRoutes<G extends { diagnostics: Diagnostic[]; stats: { functions: number } }>(
  ts: TypeScript,
  options: TS.CompilerOptions,
  generation: G,
  files: Iterable<string>,
  projectDir: string,
  outDir: string,
): G {
  if (generation.diagnostics.length > 0 || generation.stats.functions > 0) return generation;
  const texts = [...new Set(files)]
    .filter((file) => !/\.d\.[mc]?ts$/.test(file) && !file.includes("/node_modules/"))
    .map((fileName) => ({ fileName, text: readText(fileName) }));
  const found = missingRoutes(ts, options, texts, projectDir, outDir);
  return found === undefined ? generation : { ...generation, diagnostics: [found] };
}

function readText(fileName: string): string {
  try {
    return readFileSync(fileName, "utf8");
  } catch {
    return "";
  }
}
