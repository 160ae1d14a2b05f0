// Files that import from "mizan" while "mizan" does not resolve: without
// this check the checker sees no Mizan export, no decorator counts, and a
// run ends in "0 functions" with no hint. Each such import is reported with
// the reason found: the package is nowhere above the file (a monorepo
// package that does not depend on it), or it is there but the project's
// moduleResolution cannot read it (classic; node10 with a package that
// publishes only "exports"), or its declarations are missing (not built).
import type * as TS from "typescript";
import { locate } from "./location.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CoreProgram, TypeScript } from "../input/core-input.js";
import { moduleResolutionKind } from "../input/module-resolution.js";

export const PACKAGE = "mizan";

/** One diagnostic per `import ... from "mizan"` of the file that resolves to nothing. */
export function unresolvedImports(ts: TypeScript, program: CoreProgram, file: TS.SourceFile, projectDir: string): Diagnostic[] {
  if (!file.text.includes(`"${PACKAGE}"`) && !file.text.includes(`'${PACKAGE}'`)) return [];
  const checker = program.getTypeChecker();
  const diagnostics: Diagnostic[] = [];
  for (const statement of file.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier) || specifier.text !== PACKAGE) continue;
    if (checker.getSymbolAtLocation(specifier)) continue;
    diagnostics.push(explain(ts, program.getCompilerOptions(), file, specifier, projectDir));
  }
  return diagnostics;
}

function explain(ts: TypeScript, options: TS.CompilerOptions, file: TS.SourceFile, at: TS.Node, projectDir: string): Diagnostic {
  const location = locate(projectDir, at);
  const installed = findInstalled(ts, file.fileName);
  const fileDir = location.file.includes("/") ? location.file.slice(0, location.file.lastIndexOf("/")) : ".";
  if (!installed) {
    return diagnostic("MZ6001", "notInstalled", location, PACKAGE, fileDir);
  }
  const kind = moduleResolutionKind(ts, options);
  const name = resolutionName(ts, kind);
  const readsExports =
    kind === ts.ModuleResolutionKind.Node16 || kind === ts.ModuleResolutionKind.NodeNext || kind === ts.ModuleResolutionKind.Bundler;
  const manifest = readManifest(ts, `${installed}/package.json`);
  let why: string;
  if (kind === ts.ModuleResolutionKind.Classic) why = `moduleResolution "classic" never looks in node_modules`;
  else if (!readsExports && manifest.typesVersions === undefined && manifest.types === undefined)
    why = `moduleResolution "${name}" ignores package.json "exports", and this version of ${PACKAGE} publishes its types only there`;
  else why = `its declarations are missing or unreadable under moduleResolution "${name}" (is the package built?)`;
  return diagnostic("MZ6002", "unreadable", location, PACKAGE, installed, why);
}

/** The nearest node_modules/mizan above the file, or undefined. */
function findInstalled(ts: TypeScript, fileName: string): string | undefined {
  for (let dir = fileName.slice(0, fileName.lastIndexOf("/")); dir.length > 0; dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const candidate = `${dir}/node_modules/${PACKAGE}`;
    if (ts.sys.fileExists(`${candidate}/package.json`)) return candidate;
    if (!dir.includes("/")) break;
  }
  return undefined;
}

function readManifest(ts: TypeScript, path: string): { types?: unknown; typesVersions?: unknown } {
  try {
    return JSON.parse(ts.sys.readFile(path) ?? "{}");
  } catch {
    return {};
  }
}

function resolutionName(ts: TypeScript, kind: TS.ModuleResolutionKind): string {
  const names: Record<number, string> = {
    [ts.ModuleResolutionKind.Classic]: "classic",
    [ts.ModuleResolutionKind.Node10]: "node10",
    [ts.ModuleResolutionKind.Node16]: "node16",
    [ts.ModuleResolutionKind.NodeNext]: "nodenext",
    [ts.ModuleResolutionKind.Bundler]: "bundler",
  };
  return names[kind] ?? String(kind);
}
