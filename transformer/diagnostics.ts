// A Mizan diagnostic as a TypeScript one, so tspc prints it with the others:
// `src/ui/app.ts:4:8 - error TS995001: MZ5001: client code calls ...`, the
// fix hint on the next line. tsc prints every code as `TS<number>`; Mizan's
// codes are offset into a range TypeScript does not use (MZ5001 → 995001),
// and the MZ code leads the message so logs can be searched for it.
import type * as TS from "typescript";
import { CATALOG } from "../compiler/diagnostics/catalog.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { TypeScript } from "../compiler/input/core-input.js";
import { joinPosix } from "../compiler/paths/posix.js";

export const CODE_OFFSET = 990000;

export function toTsDiagnostic(ts: TypeScript, program: TS.Program, projectDir: string, d: Diagnostic): TS.Diagnostic {
  const { file: path, line, column } = d.location;
  const file = program.getSourceFile(joinPosix(projectDir, path));
  const code = CODE_OFFSET + Number(d.code.slice(2));
  const headline = file ? `${d.code}: ${d.message}` : `${path}:${line}:${column} - ${d.code}: ${d.message}`;
  const messageText: TS.DiagnosticMessageChain = {
    messageText: headline,
    category: ts.DiagnosticCategory.Error,
    code,
    next: [{ messageText: `hint: ${CATALOG[d.code].hint}`, category: ts.DiagnosticCategory.Message, code: 0 }],
  };
  return {
    ...span(ts, file, line, column),
    messageText,
    category: ts.DiagnosticCategory.Error,
    code,
    source: "mizan",
    ...(d.related && { relatedInformation: [related(ts, program, projectDir, d.related)] }),
  };
}

/** The other place of a conflict, linked from the error as tsc links its own (e.g. "declared here"). */
function related(ts: TypeScript, program: TS.Program, projectDir: string, info: NonNullable<Diagnostic["related"]>): TS.DiagnosticRelatedInformation {
  const { file: path, line, column } = info.location;
  const file = program.getSourceFile(joinPosix(projectDir, path));
  const messageText = file ? info.message : `${path}:${line}:${column} - ${info.message}`;
  return { ...span(ts, file, line, column), messageText, category: ts.DiagnosticCategory.Message, code: 0 };
}

function span(ts: TypeScript, file: TS.SourceFile | undefined, line: number, column: number) {
  const start = file ? ts.getPositionOfLineAndCharacter(file, line - 1, column - 1) : undefined;
  return { file, start, length: file && start !== undefined ? spanAt(ts, file, start) : undefined };
}

/**
 * How much to underline: the outermost node that starts at the position and
 * ends on its line (a name, a string, a one-line decorator), else one token.
 */
export function spanAt(ts: TypeScript, file: TS.SourceFile, start: number): number {
  const lineEnd = file.text.indexOf("\n", start) === -1 ? file.text.length : file.text.indexOf("\n", start);
  let node: TS.Node | undefined = file;
  while (node) {
    const parent: TS.Node = node;
    node = ts.forEachChild(parent, (child) => (child.getStart(file) <= start && start < child.end ? child : undefined));
    if (node && node.getStart(file) === start && node.end <= lineEnd) return node.end - start;
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, file.text, undefined, start);
  scanner.scan();
  return Math.max(1, scanner.getTokenEnd() - start);
}
