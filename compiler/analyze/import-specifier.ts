// How the generated route table imports a class (or a schema value) declared
// outside the project's folder (a monorepo: classes in packages/api, the
// tsconfig in apps/server). The project's own way is preferred, checked by
// resolving it as the project resolves modules: the package's name when its
// entry exports it (a workspace package linked into node_modules), then a subpath
// of the package, then a `paths` alias. Null: a relative path from the out
// folder (the templates compute it), which is right for files in the
// project and for referenced projects.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";
import { normalizePosix } from "../paths/posix.js";
import { aliasTarget } from "../scan/alias-target.js";
import type { SchemaBuilder } from "./schema/index.js";

export function importSpecifier(b: SchemaBuilder, file: TS.SourceFile, declaration: TS.Declaration, exportName: string): string | null {
  const { projectDir } = b;
  const fileName = file.fileName;
  if (fileName.startsWith(projectDir + "/") && !fileName.includes("/node_modules/")) return null;
  const options = b.program.getCompilerOptions();
  for (const candidate of [...packageSpecifiers(b, fileName), ...aliasSpecifiers(options, fileName, projectDir)]) {
    const resolved = resolve(b, candidate, options);
    if (!resolved) continue;
    if (resolved === fileName) return candidate;
    // The package's entry: only when it exports the declaration under the same name.
    if (exportsDeclaration(b, resolved, declaration, exportName)) return candidate;
  }
  return null;
}

/** The name under which a declaration is exported from its module ("default" for a default export); its own name first. */
export function exportNameOf(ts: TypeScript, checker: TS.TypeChecker, declaration: TS.Declaration, own: string | undefined): string | undefined {
  const moduleSymbol = checker.getSymbolAtLocation(declaration.getSourceFile());
  if (!moduleSymbol) return undefined;
  const names: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (aliasTarget(ts, checker, exported).declarations?.includes(declaration)) names.push(exported.getName());
  }
  if (own !== undefined && names.includes(own)) return own;
  return names.sort()[0];
}

/** `name`, `name/sub/path.js`, `name/sub/path` for the nearest named package.json above the file. */
function packageSpecifiers(b: SchemaBuilder, fileName: string): string[] {
  const sys = b.ts.sys;
  for (let dir = fileName.slice(0, fileName.lastIndexOf("/")); dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const manifest = `${dir}/package.json`;
    if (!sys.fileExists(manifest)) continue;
    let name: unknown;
    try {
      name = (JSON.parse(sys.readFile(manifest) ?? "{}") as { name?: unknown }).name;
    } catch {
      return [];
    }
    // The project's own package, or one without a name, is not imported by name.
    if (typeof name !== "string" || (b.projectDir + "/").startsWith(dir + "/")) return [];
    const sub = fileName.slice(dir.length + 1);
    return [name, `${name}/${jsPath(sub)}`, `${name}/${sub.replace(/\.[mc]?tsx?$/, "")}`];
  }
  return [];
}

/** The specifiers `paths` maps onto the file: `@api/*` → `../packages/api/src/*` gives `@api/users.js`. */
function aliasSpecifiers(options: TS.CompilerOptions, fileName: string, projectDir: string): string[] {
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
      // With the extension ESM needs first, then without (bundler resolution); resolution decides.
      out.push(pattern.replace("*", middle + jsPath(fileName).slice(stem.length)), pattern.replace("*", middle));
    }
  }
  return out;
}

function resolve(b: SchemaBuilder, specifier: string, options: TS.CompilerOptions): string | undefined {
  const containing = `${b.projectDir}/__mizan_routes__.ts`;
  const resolved = b.ts.resolveModuleName(specifier, containing, options, b.ts.sys).resolvedModule?.resolvedFileName;
  if (!resolved) return undefined;
  return normalizePosix(b.ts.sys.realpath ? b.ts.sys.realpath(resolved) : resolved);
}

function exportsDeclaration(b: SchemaBuilder, entry: string, declaration: TS.Declaration, exportName: string): boolean {
  const source = b.program.getSourceFile(entry);
  // An entry that only re-exports is not always parsed (mizan-gen parses
  // what can declare something): its text must name the export.
  if (!source) return new RegExp(`\\bexport\\b[^;]*\\b${exportName}\\b`).test(b.ts.sys.readFile(entry) ?? "");
  const moduleSymbol = b.checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return false;
  const exported = b.checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === exportName);
  if (!exported) return false;
  return aliasTarget(b.ts, b.checker, exported).declarations?.includes(declaration) ?? false;
}

function jsPath(path: string): string {
  return path.replace(/\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}

function stripExtension(path: string): string {
  return path.replace(/\.(d\.)?[mc]?[jt]sx?$/, "");
}
