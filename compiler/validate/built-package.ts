// MZ6007, a warning: a workspace package the project imports by name, whose
// package.json points at its built declarations, in a project that does not
// reference the package's own project. Decorators are erased in a
// declaration file, so its @client methods are not found, and the route
// table serves none of them: without this, "0 functions" and nothing else.
// The package's tsconfig.json names its sources; one that imports mizan and
// has a decorator makes the warning, one per package.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import { parseReference, referencedSources, type ReferencedSources } from "../input/reference-sources.js";
import { nearestManifest } from "../input/workspace-sources.js";
import { normalizePosix } from "../paths/posix.js";
import { modulePath } from "../scan/location.js";
import { DECORATOR } from "../scan/scan.js";

/** A declaration file a project file imports, found by the follower of files mizan-gen does not parse (outside-include.ts). */
export interface DeclarationImport {
  declaration: string;
  importer: string;
}

/**
 * The warnings for the workspace packages read from built declarations: those
 * the program holds (imported by the files it parses; all of them in tspc's),
 * and those `followed` names.
 */
export function builtPackageWarnings(
  ts: TypeScript,
  program: TS.Program,
  projectDir: string,
  tsconfig: string,
  /** The declaration files the analysis reads from their sources (references, workspace packages: reference-sources.ts). */
  read: ReferencedSources,
  followed: readonly DeclarationImport[] = [],
): Diagnostic[] {
  const candidates: DeclarationImport[] = [...followed];
  for (const file of program.getSourceFiles()) {
    const fileName = normalizePosix(file.fileName);
    // A workspace package linked into node_modules is held under its real path, outside them.
    if (file.isDeclarationFile && !fileName.includes("/node_modules/") && !fileName.startsWith(projectDir + "/")) {
      candidates.push({ declaration: fileName, importer: "" });
    }
  }
  const byPackage = new Map<string, { name: string; imports: DeclarationImport[] }>();
  for (const candidate of candidates) {
    const owner = packageOf(ts, candidate.declaration);
    if (owner === undefined) continue;
    const known = byPackage.get(owner.dir) ?? { name: owner.name, imports: [] };
    known.imports.push(candidate);
    byPackage.set(owner.dir, known);
  }
  if (byPackage.size === 0) return [];
  const parse = parseReference(ts);
  const warnings: Diagnostic[] = [];
  for (const [dir, { name, imports }] of byPackage) {
    const own = `${dir}/tsconfig.json`;
    if (!ts.sys.fileExists(own)) continue;
    // tspc's program holds the declarations the analysis reads from their sources (transformer/references.ts).
    const found = imports.find(({ declaration }) => !read.has(declaration));
    if (found === undefined) continue;
    const sources = referencedSources(ts, [{ path: own }], parse);
    // The entry the project imports may only re-export the class's module: what its relative imports reach counts too.
    const reached = reachedDeclarations(ts, program.getCompilerOptions(), imports.map((i) => i.declaration), dir);
    const source = reached.map((declaration) => sources.get(declaration)).find((file) => file !== undefined && usesClient(ts, file));
    if (source === undefined) continue;
    const location = importOf(ts, program, projectDir, name, found.importer) ?? { file: modulePath(projectDir, tsconfig), line: 1, column: 1 };
    warnings.push(diagnostic("MZ6007", "declarations", location, name, modulePath(projectDir, found.declaration), modulePath(projectDir, source), modulePath(projectDir, dir)));
  }
  return warnings;
}

/** Declaration files reached from `from` by relative imports and re-exports, within the package's folder. */
function reachedDeclarations(ts: TypeScript, options: TS.CompilerOptions, from: readonly string[], dir: string): string[] {
  const reached = new Set(from);
  for (const file of reached) {
    for (const { fileName } of ts.preProcessFile(ts.sys.readFile(file) ?? "", true, true).importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved !== undefined && resolved.startsWith(dir + "/")) reached.add(normalizePosix(resolved));
    }
  }
  return [...reached];
}

/** Whether a source may declare @client methods, by its text (it is not parsed): it imports mizan and has a decorator. */
function usesClient(ts: TypeScript, source: string): boolean {
  const text = ts.sys.readFile(source) ?? "";
  if (!DECORATOR.test(text)) return false;
  return ts.preProcessFile(text, true, true).importedFiles.some((i) => i.fileName === "mizan" || i.fileName.startsWith("mizan/"));
}

/** The package a file belongs to (the nearest package.json above it), when it has a name. */
function packageOf(ts: TypeScript, fileName: string): { dir: string; name: string } | undefined {
  const manifest = nearestManifest(ts, fileName.slice(0, fileName.lastIndexOf("/")));
  const name = manifest?.json.name;
  return manifest && typeof name === "string" ? { dir: manifest.dir, name } : undefined;
}

/** Where a file of the project imports the package (at the specifier): `importer` if given, else the first of the program's. */
function importOf(ts: TypeScript, program: TS.Program, projectDir: string, name: string, importer: string) {
  const files = importer !== "" ? [{ fileName: importer, text: ts.sys.readFile(importer) ?? "" }] : program.getSourceFiles().filter(
    (file) => !file.isDeclarationFile && file.fileName.startsWith(projectDir + "/") && !file.fileName.includes("/node_modules/"),
  );
  for (const { fileName, text } of files) {
    const imported = ts.preProcessFile(text, true, true).importedFiles.find((i) => i.fileName === name || i.fileName.startsWith(`${name}/`));
    if (!imported) continue;
    const before = text.slice(0, imported.pos);
    const lineStart = before.lastIndexOf("\n") + 1;
    return { file: modulePath(projectDir, fileName), line: before.split("\n").length, column: imported.pos - lineStart + 1 };
  }
  return undefined;
}
