// The private-call check for bundler plugins (mizan-gen/esbuild and
// mizan-gen/vite), which have no program: one client module at a time,
// parsed with the project's `typescript` (syntax only), its calls
// recognised by its own imports, checked with the same rules as mizan-gen
// and the transformer against a table read from manifest.json (or, when the
// Vite plugin runs the generator, from the IR it has just built).
import { readFile } from "node:fs/promises";
import ts from "typescript";
import { checkClientFile, mayCall } from "../compiler/client-check/check.js";
import { globMatcher } from "../compiler/paths/glob.js";
import { ImportResolver } from "../compiler/client-check/import-resolver.js";
import { tableFromManifest, type CallTable } from "../compiler/client-check/table.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { TypeScript } from "../compiler/input/core-input.js";
import { normalizePosix, relativePosix } from "../compiler/paths/posix.js";
import { spanAt } from "./diagnostics.js";

export const tsApi = ts as unknown as TypeScript;

/** The names client code may call, from a generated manifest.json; the error names the file. */
export async function readManifestTable(path: string): Promise<CallTable> {
  try {
    return tableFromManifest(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    throw new Error(`cannot read the Mizan manifest ${path}: ${(error as Error).message}`);
  }
}

/** Which modules are client code: the `client` globs (relative to root), else everything outside node_modules. */
export function clientFilter(root: string, client: readonly string[] | undefined): (path: string) => boolean {
  const matches = client ? globMatcher([...client]) : () => true;
  return (path) => {
    const normal = normalizePosix(path);
    if (normal.includes("/node_modules/")) return false;
    return matches(relativePosix(root, normal).replace(/^\.\//, ""));
  };
}

export interface ModuleCheck {
  file: ts.SourceFile;
  diagnostics: Diagnostic[];
}

/** The diagnostics of one client module (paths in them relative to root); undefined when its text calls nothing. */
export function checkModule(root: string, path: string, text: string, table: CallTable): ModuleCheck | undefined {
  if (!mayCall(text, table)) return undefined;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  return { file, diagnostics: checkClientFile(tsApi, file, table, new ImportResolver(tsApi, file), root) };
}

export interface Span {
  /** 1-based line and column (in characters), as in the diagnostic. */
  line: number;
  column: number;
  /** Offset of the diagnostic in the file's text. */
  start: number;
  /** Characters to underline. */
  length: number;
  lineText: string;
}

export function spanOf(file: ts.SourceFile, d: Diagnostic): Span {
  const { line, column } = d.location;
  const start = ts.getPositionOfLineAndCharacter(file, line - 1, column - 1);
  const lineText = file.text.split(/\r?\n/)[line - 1] ?? "";
  return { line, column, start, length: spanAt(tsApi, file, start), lineText };
}

export const SOURCE = /\.[cm]?[jt]sx?$/;

function scriptKind(path: string): ts.ScriptKind {
  // .mts and .cts parse as .ts, .mjs and .cjs as .js.
  const extension = path.slice(path.lastIndexOf(".") + 1).replace(/^[cm]/, "");
  return { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, jsx: ts.ScriptKind.JSX }[extension] ?? ts.ScriptKind.JS;
}
