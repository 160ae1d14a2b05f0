// How the generated route table imports a class (or a schema value) declared
// outside the project's folder (a monorepo: classes in packages/api, the
// tsconfig in apps/server). The project's own way is preferred, checked by
// resolving it as the project resolves modules: the package's name when its
// entry exports it (a workspace package linked into node_modules), then a subpath
// of the package, then a `paths` alias. When none exports it under its own
// name, one exporting it under another (`export { UsersApi as Users }`) is
// imported by that name, aliased back. Null: a relative path from the out
// folder (the templates compute it), which is right for files in the
// project and for referenced projects.
import type * as TS from "typescript";
import type { TypeScript } from "../../input/core-input.js";
import { resolvesAsBundler } from "../../input/module-resolution.js";
import { outputsOf, redirectToSource, referencedSourcesOf, withOutputs } from "../../input/reference-sources.js";
import { nearestManifest } from "../../input/workspace-sources.js";
import { normalizePosix } from "../../paths/posix.js";
import { aliasTarget } from "../../scan/alias-target.js";
import type { SchemaBuilder } from "./index.js";

/** How routes.ts imports a declaration: the module specifier, and the name that module exports it under. */
export interface ImportOf {
  specifier: string;
  name: string;
}

export function importSpecifier(b: SchemaBuilder, file: TS.SourceFile, declaration: TS.Declaration, exportName: string): ImportOf | null {
  const { projectDir } = b;
  const fileName = file.fileName;
  if (fileName.startsWith(projectDir + "/") && !fileName.includes("/node_modules/")) return null;
  const options = b.program.getCompilerOptions();
  const entries: { specifier: string; entry: string }[] = [];
  for (const specifier of [...packageSpecifiers(b, fileName), ...aliasSpecifiers(b.ts, options, fileName, projectDir)]) {
    const entry = resolve(b, specifier, options);
    if (!entry) continue;
    // The file itself, or an entry exporting the declaration under its module's name.
    if (entry === fileName || entryNames(b, entry, declaration, exportName).length > 0) return { specifier, name: exportName };
    entries.push({ specifier, entry });
  }
  // Else the first entry publishing it under another name (`export { UsersApi as Users }`): imported as `Users as UsersApi`.
  for (const { specifier, entry } of entries) {
    const name = preferredName(entryNames(b, entry, declaration));
    if (name !== undefined) return { specifier, name };
  }
  return null;
}

/**
 * When importSpecifier found no import: the package whose source the
 * relative path would name, if that source is not there at run time (a
 * referenced project built into another folder, `outDir`, in a package the
 * project resolves by name). A class there must be published by the package
 * (MZ1002). Undefined when the relative path is right: a file of the
 * project, a referenced project built beside its sources, one the project
 * reaches only by a relative import of its own, or a package that runs
 * from its sources (Turborepo's internal packages: `"default":
 * "./src/index.ts"`, for a bundler or tsx, where the relative path runs too).
 */
export function unpublishedIn(b: SchemaBuilder, fileName: string): string | undefined {
  const outputs = outputsOf(b.program, fileName);
  if (outputs.length === 0 || outputs.some((output) => stripExtension(output) === stripExtension(fileName))) return undefined;
  const owner = ownerPackage(b, fileName);
  if (owner === undefined || runsFromSource(owner.exports)) return undefined;
  const options = b.program.getCompilerOptions();
  return packageSpecifiers(b, fileName).some((specifier) => resolve(b, specifier, options) !== undefined) ? owner.name : undefined;
}

/** Of the names an entry exports a declaration under, the first named one, else `default`. */
function preferredName(names: string[]): string | undefined {
  return names.filter((name) => name !== "default").sort()[0] ?? names[0];
}

/**
 * The name under which a declaration is exported from its module as a value
 * ("default" for a default export); its own name first.
 */
export function exportNameOf(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration, own: string | undefined): string | undefined {
  const names = valueNames(exportsOf(ts, checker, declaration), undefined);
  if (own !== undefined && names.includes(own)) return own;
  return names.sort()[0];
}

/** Every name a declaration's module exports it under, and whether only as a type (no value to import). */
export function exportsOf(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration): { name: string; typeOnly: boolean }[] {
  const moduleSymbol = checker.getSymbolAtLocation(declaration.getSourceFile());
  return moduleSymbol ? exportsIn(ts, checker, moduleSymbol, declaration) : [];
}

/** Every name a module exports a declaration under, and whether only as a type. */
function exportsIn(ts: TypeScript, checker: TS.TypeChecker, moduleSymbol: TS.Symbol, declaration: TS.Declaration): { name: string; typeOnly: boolean }[] {
  return checker.getExportsOfModule(moduleSymbol)
    .filter((exported) => aliasTarget(ts, checker, exported).declarations?.includes(declaration))
    .map((exported) => ({ name: exported.getName(), typeOnly: typeOnlyAlias(ts, checker, exported) }));
}

/** Alias links followed to find an `export type` or `import type` on the way, at most this many. */
const MAX_ALIAS_LINKS = 16;

/** Whether an export reaches its target through `export type { A }`, `export { type A }` or an `import type` re-exported. */
function typeOnlyAlias(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol): boolean {
  let link: TS.Symbol | undefined = symbol;
  for (let i = 0; link && link.flags & ts.SymbolFlags.Alias && i < MAX_ALIAS_LINKS; i++) {
    if (link.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return true;
    link = checker.getImmediateAliasedSymbol(link);
  }
  return false;
}

/**
 * For the nearest named package.json above the file: `name`, the subpaths
 * its `exports` maps onto the file (`"./*": "./src/*.ts"` gives
 * `name/users`), then `name/sub/path.js` and `name/sub/path`. A referenced
 * project's file is imported as the package publishes it: by its built
 * declaration file's subpaths (`"./users": { "types": "./dist/users.d.ts" }`
 * gives `name/users`; without `exports`, `name/dist/users.js`), never by its
 * source's, which is not there at run time.
 */
function packageSpecifiers(b: SchemaBuilder, fileName: string): string[] {
  const owner = ownerPackage(b, fileName);
  if (owner === undefined) return [];
  const { name, dir, exports } = owner;
  const outputs = outputsOf(b.program, fileName).filter((output) => output.startsWith(dir + "/"));
  const subs = (outputs.length > 0 ? outputs : [fileName]).map((file) => file.slice(dir.length + 1));
  const exported = subs.flatMap((sub) => exportSubpaths(exports, sub)).map((subpath) => name + subpath.slice(1));
  // Then the package's other entries, which may re-export it (a barrel subpath), checked like its root.
  const entries = exactSubpaths(exports).map((subpath) => name + subpath.slice(1));
  const all = [name, ...exported, ...subs.flatMap((sub) => [`${name}/${jsPath(sub)}`, `${name}/${stripExtension(sub)}`]), ...entries];
  // A declaration file is no module to import at run time (`"./*": "./dist/*"` would map one).
  return [...new Set(all)].filter((specifier) => !DECLARATION.test(specifier));
}

const DECLARATION = /\.d\.[mc]?ts$/;

/** The subpaths of an `exports` field without a wildcard (`./admin`), the root left out. */
function exactSubpaths(exports: unknown): string[] {
  if (exports === null || typeof exports !== "object" || Array.isArray(exports)) return [];
  return Object.keys(exports).filter((key) => key.startsWith("./") && !key.includes("*"));
}

/** The package a file outside the project belongs to (the nearest package.json above it), when it has a name to import it by. */
export function ownerPackage(b: SchemaBuilder, fileName: string): { name: string; dir: string; exports: unknown } | undefined {
  const manifest = nearestManifest(b.ts, fileName.slice(0, fileName.lastIndexOf("/")));
  const name = manifest?.json.name;
  // The project's own package, or one without a name, is not imported by name.
  if (manifest === undefined || typeof name !== "string" || (b.projectDir + "/").startsWith(manifest.dir + "/")) return undefined;
  return { name, dir: manifest.dir, exports: manifest.json.exports };
}

/** The subpaths (`./users`) of an `exports` field whose target, under any condition, is the file `sub` (or its `.js`). */
function exportSubpaths(exports: unknown, sub: string): string[] {
  if (exports === null || typeof exports !== "object" || Array.isArray(exports)) return [];
  const entries = Object.entries(exports as Record<string, unknown>);
  // Conditions only (`{ "import": …, "types": … }`): the package's entry, which `name` already tries.
  if (!entries.some(([key]) => key.startsWith("."))) return [];
  const file = `./${sub}`;
  const out: string[] = [];
  for (const [key, value] of entries) {
    if (!key.startsWith("./")) continue;
    for (const target of targetsOf(value)) {
      for (const path of [file, `./${jsPath(sub)}`]) {
        const star = target.indexOf("*");
        if (star < 0) {
          if (target === path && !key.includes("*")) out.push(key);
          continue;
        }
        const [prefix, suffix] = [target.slice(0, star), target.slice(star + 1)];
        if (key.includes("*") && path.length >= prefix.length + suffix.length && path.startsWith(prefix) && path.endsWith(suffix)) {
          out.push(key.replace("*", path.slice(prefix.length, path.length - suffix.length)));
        }
      }
    }
  }
  return [...new Set(out)];
}

/** Whether an `exports` field points a condition other than types at a TypeScript source. */
function runsFromSource(exports: unknown): boolean {
  if (typeof exports === "string") return SOURCE.test(exports) && !DECLARATION.test(exports);
  if (Array.isArray(exports)) return exports.some(runsFromSource);
  if (exports === null || typeof exports !== "object") return false;
  return Object.entries(exports).some(([key, value]) => key !== "types" && key !== "typings" && runsFromSource(value));
}

const SOURCE = /\.[mc]?tsx?$/;

/** The paths an `exports` value names, under every condition. */
function targetsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(targetsOf);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(targetsOf);
  return [];
}

/** The specifiers `paths` maps onto the file: `@api/*` → `../packages/api/src/*` gives `@api/users.js`. */
function aliasSpecifiers(ts: TypeScript, options: TS.CompilerOptions, fileName: string, projectDir: string): string[] {
  const bundler = resolvesAsBundler(ts, options);
  const base = (options as { pathsBasePath?: string }).pathsBasePath ?? options.baseUrl ?? projectDir;
  const out: string[] = [];
  for (const [pattern, substitutions] of Object.entries(options.paths ?? {})) {
    for (const substitution of substitutions) {
      const target = normalizePosix(substitution.startsWith("/") ? substitution : `${base}/${substitution}`);
      const star = target.indexOf("*");
      if (star < 0) {
        if (stripExtension(target) === stripExtension(fileName)) out.push(pattern);
        continue;
      }
      const prefix = target.slice(0, star);
      const suffix = stripExtension(target.slice(star + 1));
      const stem = stripExtension(fileName);
      if (!pattern.includes("*") || !stem.startsWith(prefix) || !stem.endsWith(suffix)) continue;
      const middle = stem.slice(prefix.length, stem.length - suffix.length);
      // Spelled as the project's own imports are, with the extension ESM needs or, under
      // bundler resolution, without (as relative imports are there); resolution decides.
      const withExtension = pattern.replace("*", middle + jsPath(fileName).slice(stem.length));
      const without = pattern.replace("*", middle);
      out.push(...(bundler ? [without, withExtension] : [withExtension, without]));
    }
  }
  return out;
}

/** Whether the project resolves `specifier` at all (from where routes.ts is written). */
export function resolvesFromProject(b: SchemaBuilder, specifier: string): boolean {
  return resolve(b, specifier, b.program.getCompilerOptions()) !== undefined;
}

function resolve(b: SchemaBuilder, specifier: string, options: TS.CompilerOptions): string | undefined {
  const containing = `${b.projectDir}/__mizan_routes__.ts`;
  // As routes.ts's imports are read: an ES module's (the `import` condition) in a project of `"type": "module"` under node16/nodenext.
  const mode = b.ts.getImpliedNodeFormatForFile(containing as TS.Path, undefined, b.ts.sys, options);
  // As the program resolves it: a referenced project's built declarations are its source (reference-sources.ts).
  const sources = referencedSourcesOf(b.program);
  const resolution = b.ts.resolveModuleName(specifier, containing, options, withOutputs(b.ts.sys, sources), undefined, undefined, mode);
  const resolved = redirectToSource(b.ts, resolution, sources).resolvedModule?.resolvedFileName;
  if (!resolved) return undefined;
  return normalizePosix(b.ts.sys.realpath ? b.ts.sys.realpath(resolved) : resolved);
}

/** The names a package's entry exports the declaration under as a value (only `only`, when given). */
function entryNames(b: SchemaBuilder, entry: string, declaration: TS.Declaration, only?: string): string[] {
  const source = b.program.getSourceFile(entry);
  // An entry that only re-exports is not always parsed (mizan-gen parses what can declare something).
  if (!source) return reexportedNames(b, entry, declaration, only, 0);
  const moduleSymbol = b.checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  // `export type { Users }` exports no value to import.
  return valueNames(exportsIn(b.ts, b.checker, moduleSymbol, declaration), only);
}

/** The names of the exports that are values (only `only`, when given). */
function valueNames(exports: readonly { name: string; typeOnly: boolean }[], only: string | undefined): string[] {
  return exports.filter((e) => !e.typeOnly && (only === undefined || e.name === only)).map((e) => e.name);
}

/** Re-export chains followed from a file outside the program, at most this deep. */
const MAX_REEXPORTS = 8;

/**
 * The names `file` exports the declaration under as a value (only `only`,
 * when given), read from its syntax and followed to the declaration's
 * module: `export { Users as UserApi }` exports it as `UserApi`, `export
 * type { Users }` not at all. A name given follows only what can export it.
 */
function reexportedNames(b: SchemaBuilder, file: string, declaration: TS.Declaration, only: string | undefined, depth: number): string[] {
  const { ts } = b;
  const wanted = (name: string) => only === undefined || name === only;
  if (file === normalizePosix(declaration.getSourceFile().fileName)) {
    return valueNames(exportsOf(ts, b.checker, declaration), only);
  }
  const text = depth < MAX_REEXPORTS ? ts.sys.readFile(file) : undefined;
  if (text === undefined) return [];
  const options = b.program.getCompilerOptions();
  const names: string[] = [];
  for (const { name, from, there } of reexportsOf(ts, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false))) {
    if (name === null ? only === "default" : !wanted(name)) continue;
    const resolved = ts.resolveModuleName(from, file, options, ts.sys).resolvedModule?.resolvedFileName;
    if (!resolved) continue;
    const next = normalizePosix(ts.sys.realpath ? ts.sys.realpath(resolved) : resolved);
    // `export *` passes every name on but the default.
    if (name === null) names.push(...reexportedNames(b, next, declaration, only, depth + 1).filter((n) => n !== "default"));
    else if (reexportedNames(b, next, declaration, there, depth + 1).length > 0) names.push(name);
  }
  return names;
}

/** A value a module exports from another: its name (null for `export *`), the module's specifier and its name there. */
interface Reexport {
  name: string | null;
  from: string;
  there: string;
}

/** The values a file re-exports: `export { a as b } from`, `export *`, and an import exported again (`export { a }`, `export default a`). */
function reexportsOf(ts: TypeScript, source: TS.SourceFile): Reexport[] {
  const imports = importedBindings(ts, source);
  const out: Reexport[] = [];
  for (const statement of source.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression)) {
      const bound = imports.get(statement.expression.text);
      if (bound) out.push({ name: "default", ...bound });
    }
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const clause = statement.exportClause;
    if (!clause && from !== undefined) out.push({ name: null, from, there: "*" });
    if (!clause || !ts.isNamedExports(clause)) continue;
    for (const element of clause.elements) {
      const local = (element.propertyName ?? element.name).text;
      const bound = from !== undefined ? { from, there: local } : imports.get(local);
      if (!element.isTypeOnly && bound) out.push({ name: element.name.text, ...bound });
    }
  }
  return out;
}

/** The values a file imports: each local name, with its module's specifier and its name there (`import a, { b as c }`). */
function importedBindings(ts: TypeScript, source: TS.SourceFile): Map<string, { from: string; there: string }> {
  const out = new Map<string, { from: string; there: string }>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const from = statement.moduleSpecifier.text;
    if (clause.name) out.set(clause.name.text, { from, there: "default" });
    if (!clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    for (const element of clause.namedBindings.elements) {
      if (!element.isTypeOnly) out.set(element.name.text, { from, there: (element.propertyName ?? element.name).text });
    }
  }
  return out;
}

/** The JavaScript file a source or declaration file stands for (`a.ts`, `a.d.ts` → `a.js`). */
function jsPath(path: string): string {
  return path.replace(/(?:\.d)?\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}

function stripExtension(path: string): string {
  return path.replace(/\.(d\.)?[mc]?[jt]sx?$/, "");
}
