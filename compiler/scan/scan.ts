// Finds the declarations. Only files whose text mentions a decorator
// or defineContext are walked, and the checker is asked only about
// decorators and, in files that mention defineContext, about calls. The walk
// collects `@client(...)` decorators (wherever they stand: misplaced ones are
// reported later) and `defineContext(...)` calls, each resolved to Mizan's
// export. (A defineContext re-exported under another name and called in a
// file that never spells `defineContext` is not seen; its handles still
// resolve by their type, only its `viewUrls` are missed.)
import type * as TS from "typescript";
import type { CoreProgram, TypeScript } from "../input/core-input.js";
import type { MizanSymbols } from "./mizan-symbols.js";

export interface ScannedDecorator {
  /** The decorated node: a method, or a misplaced target (class, field, accessor). */
  target: TS.Node;
  decorator: TS.Decorator;
  /** The `client(...)` call; absent when written `@client` without options. */
  call: TS.CallExpression | undefined;
}

export interface ScannedFile {
  decorators: ScannedDecorator[];
  contextCalls: TS.CallExpression[];
}

/** A decorator: `@name` opening a line, or `@name(` anywhere; JSDoc tags (` * @param`) are neither. */
export const DECORATOR = /^\s*@[A-Za-z_$]|@[A-Za-z_$][\w$.]*\s*\(/m;

/** Cheap text test that lets most files of a large program skip the walk (and mizan-gen skip parsing them). */
export function mayDeclare(text: string): boolean {
  return text.includes("defineContext") || DECORATOR.test(text);
}

/**
 * The project's own source files. A workspace package of a monorepo is
 * reached through a node_modules link, so TypeScript counts it as an
 * external library; its sources (not declarations) lie outside any
 * node_modules once the link is followed, and they are the project's code.
 */
export function userSourceFiles(ts: TypeScript, program: CoreProgram): TS.SourceFile[] {
  return program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && (!program.isSourceFileFromExternalLibrary(file) || !file.fileName.includes("/node_modules/")));
}

export function scanFile(ts: TypeScript, file: TS.SourceFile, symbols: MizanSymbols): ScannedFile {
  const result: ScannedFile = { decorators: [], contextCalls: [] };
  const mayDefine = file.text.includes("defineContext");
  // A decorator starts with "@"; a call of defineContext spells it, or a name
  // the file imports (an alias). A subtree whose text holds none of these
  // (a method body, usually) holds no declaration and is not walked.
  const marks = positionsOf(file.text, mayDefine ? ["@", "defineContext", ...importedNames(ts, file)] : ["@"]);
  const visit = (node: TS.Node): void => {
    if (!anyWithin(marks, node.pos, node.end)) return;
    if (ts.canHaveDecorators(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const expression = decorator.expression;
        const callee = ts.isCallExpression(expression) ? expression.expression : expression;
        if (symbols.exportAt(calleeName(ts, callee)) !== "client") continue;
        const call = ts.isCallExpression(expression) ? expression : undefined;
        result.decorators.push({ target: node, decorator, call });
      }
    }
    if (mayDefine && ts.isCallExpression(node) && symbols.exportAt(calleeName(ts, node.expression)) === "defineContext") {
      result.contextCalls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return result;
}

/** Every position where one of `needles` starts, sorted. */
function positionsOf(text: string, needles: readonly string[]): number[] {
  const positions: number[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) positions.push(i);
  }
  return positions.sort((a, b) => a - b);
}

/** Is some position in [start, end)? */
function anyWithin(sorted: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < start) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low]! < end;
}

/** The local names of a file's import bindings. */
function importedNames(ts: TypeScript, file: TS.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportEqualsDeclaration(statement)) names.push(statement.name.text);
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (!clause) continue;
    if (clause.name) names.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings) for (const element of bindings.elements) names.push(element.name.text);
  }
  return names;
}

/** `client` → itself; `mz.client` → the `client` name, whose symbol is the export. */
function calleeName(ts: TypeScript, callee: TS.Expression): TS.Node {
  return ts.isPropertyAccessExpression(callee) ? callee.name : callee;
}
