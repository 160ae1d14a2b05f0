// The analysis of one source file: its context definitions and functions, the
// diagnostics found in them, the named types they reach, and (for watch
// mode) the files it imports, directly or not. A file's analysis stays valid
// while neither it nor anything it imports changes.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { refsOf } from "../ir/schema-walk.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import { scanFile } from "../scan/scan.js";
import { readContextDefinition } from "./context-definitions.js";
import type { ContextDefinition, FunctionDraft } from "./drafts.js";
import { analyzeFunction } from "./function.js";
import { locate } from "../scan/location.js";
import { LeanLibMiss, type NamedEntry, type SchemaBuilder } from "./schema/index.js";

export interface FileAnalysis {
  definitions: ContextDefinition[];
  drafts: FunctionDraft[];
  diagnostics: Diagnostic[];
  /** The named types the drafts reach, by id. */
  named: Map<string, NamedEntry>;
}

export function analyzeFile(b: SchemaBuilder, symbols: MizanSymbols, file: TS.SourceFile): FileAnalysis {
  const { ts, checker, projectDir } = b;
  const result: FileAnalysis = { definitions: [], drafts: [], diagnostics: [], named: new Map() };
  const report = (d: Diagnostic) => result.diagnostics.push(d);
  const scanned = scanFile(ts, file, symbols);
  for (const call of scanned.contextCalls) {
    const definition = readContextDefinition(ts, checker, projectDir, call, report);
    if (definition) result.definitions.push(definition);
  }
  for (const decorator of scanned.decorators) {
    // A parameter's analysis reports its own faults (MZ2006); this catches the rest, so one
    // function never ends the run.
    try {
      const draft = analyzeFunction(b, symbols, decorator, report);
      if (draft) result.drafts.push(draft);
    } catch (error) {
      if (error instanceof LeanLibMiss) throw error;
      const method = decorator.target;
      const name = ts.isMethodDeclaration(method) ? method.name.getText() : "(not a method)";
      const why = error instanceof Error ? error.message : String(error);
      report(diagnostic("MZ2006", "internal", locate(projectDir, decorator.decorator), name, why));
    }
  }
  const reach = (id: string) => {
    if (result.named.has(id)) return;
    const entry = b.byId.get(id)!;
    result.named.set(id, entry);
    if (entry.schema) for (const next of refsOf(entry.schema)) reach(next);
  };
  for (const draft of result.drafts) {
    for (const schema of [draft.result, ...draft.params.map((p) => p.schema)]) for (const id of refsOf(schema)) reach(id);
  }
  return result;
}

/**
 * The module specifiers of a file: TypeScript's own list when it has one
 * (import and export declarations, but also an import type in a type
 * annotation and `import x = require()`), else those of the import and
 * export declarations.
 */
function moduleSpecifiers(ts: typeof TS, source: TS.SourceFile): readonly TS.Expression[] {
  const listed = (source as { imports?: readonly TS.StringLiteralLike[] }).imports;
  if (listed) return listed;
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier ? [statement.moduleSpecifier] : [],
  );
}

/** The project files a file imports, directly or through others. */
export function importedFiles(ts: typeof TS, checker: TS.TypeChecker, file: TS.SourceFile): Set<string> {
  const seen = new Set<string>();
  const visit = (source: TS.SourceFile) => {
    for (const specifier of moduleSpecifiers(ts, source)) {
      const target = checker.getSymbolAtLocation(specifier)?.declarations?.[0]?.getSourceFile();
      if (!target || target.isDeclarationFile || seen.has(target.fileName)) continue;
      seen.add(target.fileName);
      visit(target);
    }
  };
  visit(file);
  return seen;
}
