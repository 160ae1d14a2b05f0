// How the generated route table imports a class (or a schema value) declared
// outside the project's folder (a monorepo: classes in packages/api, the
// tsconfig in apps/server). The project's own way is preferred, checked by
// resolving it as the project resolves modules: the package's name when its
// entry exports it (a workspace package linked into node_modules), then a subpath
// of the package, then a `paths` alias. Null: a relative path from the out
// folder (the templates compute it), which is right for files in the
// project and for referenced projects.
import type * as TS from "typescript";
import type { TypeScript } from "../../input/core-input.js";
import { resolvesAsBundler } from "../../input/module-resolution.js";
import { outputsOf, redirectToSource, referencedSourcesOf, withOutputs } from "../../input/reference-sources.js";
import { normalizePosix } from "../../paths/posix.js";
import { aliasTarget } from "../../scan/alias-target.js";
import type { SchemaBuilder } from "./index.js";

export function importSpecifier(b: SchemaBuilder, file: TS.SourceFile, declaration: TS.Declaration, exportName: string): string | null {
  const { projectDir } = b;
  const fileName = file.fileName;
  if (fileName.startsWith(projectDir + "/") && !fileName.includes("/node_modules/")) return null;
  const options = b.program.getCompilerOptions();
  for (const candidate of [...packageSpecifiers(b, fileName), ...aliasSpecifiers(b.ts, options, fileName, projectDir)]) {
    const resolved = resolve(b, candidate, options);
    if (!resolved) continue;
    if (resolved === fileName) return candidate;
    // The package's entry: only when it exports the declaration under the same name.
    if (exportsDeclaration(b, resolved, declaration, exportName)) return candidate;
  }
  return null;
}

/**
 * The name under which a declaration is exported from its module as a value
 * ("default" for a default export); its own name first.
 */
export function exportNameOf(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration, own: string | undefined): string | undefined {
  const names = exportsOf(ts, checker, declaration).filter((e) => !e.typeOnly).map((e) => e.name);
  if (own !== undefined && names.includes(own)) return own;
  return names.sort()[0];
}

/** Every name a declaration's module exports it under, and whether only as a type (no value to import). */
export function exportsOf(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration): { name: string; typeOnly: boolean }[] {
  const moduleSymbol = checker.getSymbolAtLocation(declaration.getSourceFile());
  if (!moduleSymbol) return [];
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
  const sys = b.ts.sys;
  for (let dir = fileName.slice(0, fileName.lastIndexOf("/")); dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const manifest = `${dir}/package.json`;
    if (!sys.fileExists(manifest)) continue;
    let json: { name?: unknown; exports?: unknown };
    try {
      json = JSON.parse(sys.readFile(manifest) ?? "{}") as typeof json;
    } catch {
      return undefined;
    }
    const { name } = json;
    // The project's own package, or one without a name, is not imported by name.
    if (typeof name !== "string" || (b.projectDir + "/").startsWith(dir + "/")) return undefined;
    return { name, dir, exports: json.exports };
  }
  return undefined;
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

function exportsDeclaration(b: SchemaBuilder, entry: string, declaration: TS.Declaration, exportName: string): boolean {
  const source = b.program.getSourceFile(entry);
  // An entry that only re-exports is not always parsed (mizan-gen parses what can declare something).
  if (!source) return reexports(b, entry, exportName, declaration, exportName, 0);
  const moduleSymbol = b.checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return false;
  const exported = b.checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === exportName);
  // `export type { Users }` exports no value to import.
  if (!exported || exported.declarations?.some((d) => b.ts.isTypeOnlyImportOrExportDeclaration(d))) return false;
  return aliasTarget(b.ts, b.checker, exported).declarations?.includes(declaration) ?? false;
}

/** Re-export chains followed from a file outside the program, at most this deep. */
const MAX_REEXPORTS = 8;

/**
 * Does `file` export, as a value, `name`, which is the declaration's
 * `ownName` in its own module? Read from the file's syntax, following
 * `export { … } from` and `export * from` to the declaration's module:
 * `export { Users as UserApi }` exports no `Users`, `export type { Users }`
 * no value.
 */
function reexports(b: SchemaBuilder, file: string, name: string, declaration: TS.Declaration, ownName: string, depth: number): boolean {
  const { ts } = b;
  const target = normalizePosix(declaration.getSourceFile().fileName);
  if (file === target) return name === ownName;
  const text = depth < MAX_REEXPORTS ? ts.sys.readFile(file) : undefined;
  if (text === undefined) return false;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const options = b.program.getCompilerOptions();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = ts.resolveModuleName(statement.moduleSpecifier.text, file, options, ts.sys).resolvedModule?.resolvedFileName;
    if (!from) continue;
    const next = normalizePosix(ts.sys.realpath ? ts.sys.realpath(from) : from);
    const clause = statement.exportClause;
    if (!clause) {
      if (name !== "default" && reexports(b, next, name, declaration, ownName, depth + 1)) return true;
      continue;
    }
    if (!ts.isNamedExports(clause)) continue;
    for (const element of clause.elements) {
      if (element.isTypeOnly || element.name.text !== name) continue;
      if (reexports(b, next, (element.propertyName ?? element.name).text, declaration, ownName, depth + 1)) return true;
    }
  }
  return false;
}

/** The JavaScript file a source or declaration file stands for (`a.ts`, `a.d.ts` → `a.js`). */
function jsPath(path: string): string {
  return path.replace(/(?:\.d)?\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}

function stripExtension(path: string): string {
  return path.replace(/\.(d\.)?[mc]?[jt]sx?$/, "");
}
