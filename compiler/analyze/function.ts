// The analysis of one `@client` decorator: checks where it stands, then reads its
// options and its method's signature into a draft the link pass completes.
import type * as TS from "typescript";
import type { HttpMethod } from "../../runtime/index.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { CLIENT_CONTEXTS } from "../naming/reserved.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import type { ScannedDecorator } from "../scan/scan.js";
import { unexportedClass } from "./class-export.js";
import { readDecoratorOptions } from "./decorator-options.js";
import type { FunctionDraft } from "./drafts.js";
import { exportNameOf, importSpecifier, unpublishedIn } from "./schema/import-specifier.js";
import { locate, modulePath } from "../scan/location.js";
import type { SchemaBuilder } from "./schema/index.js";
import { readSignature } from "./signature.js";

/**
 * Names a generated stub cannot take: JavaScript reserved words, `eval` and
 * `arguments` (no strict-mode function is named so), `then` (client.ts's
 * namespace would be a thenable: `await import()` calls it), `__proto__`
 * (the route table's key would set its prototype) and the stubs' own exports.
 */
const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static await implements package protected interface private public eval arguments then __proto__").split(" "),
).add(CLIENT_CONTEXTS);

export function analyzeFunction(
  b: SchemaBuilder,
  symbols: MizanSymbols,
  scanned: ScannedDecorator,
  report: (d: Diagnostic) => void,
): FunctionDraft | undefined {
  const { ts, checker, projectDir } = b;
  const method = scanned.target;
  const location = locate(projectDir, scanned.decorator);
  if (!ts.isMethodDeclaration(method) || !ts.isClassLike(method.parent) || !isStatic(ts, method)) {
    report(diagnostic("MZ1001", "notStatic", location, describe(ts, method)));
    return undefined;
  }
  if (!scanned.call) {
    report(diagnostic("MZ1003", "decoratorNotCalled", location));
    return undefined;
  }
  if (ts.isPrivateIdentifier(method.name) || hasModifier(ts, method, ts.SyntaxKind.PrivateKeyword) ||
      hasModifier(ts, method, ts.SyntaxKind.ProtectedKeyword)) {
    report(diagnostic("MZ1006", "notPublic", locate(projectDir, method.name), method.name.getText()));
    return undefined;
  }
  const name = ts.isIdentifier(method.name) ? method.name.text : undefined;
  if (name === undefined || RESERVED.has(name)) {
    const at = locate(projectDir, method.name);
    report(name === undefined ? diagnostic("MZ1010", "computed", at) : diagnostic("MZ1010", "reserved", at, name));
    return undefined;
  }
  // Overload signatures are the callers' types; the stub and the table would take the implementation's.
  const overloaded = method.parent.members.some(
    (m) => ts.isMethodDeclaration(m) && m.body === undefined && isStatic(ts, m) && m.name.getText() === method.name.getText(),
  );
  if (overloaded) {
    report(diagnostic("MZ1012", "overloaded", locate(projectDir, method.name), name));
    return undefined;
  }
  const exportName = exportNameOf(ts, checker, method.parent, method.parent.name?.text);
  if (exportName === undefined) {
    report(unexportedClass(ts, checker, method.parent, location));
    return undefined;
  }
  const options = readDecoratorOptions(ts, checker, projectDir, scanned.call, report);
  const signature = readSignature(b, symbols, method, options.route !== null, report);
  // Taking an `AuthedReq` requires a user, as `requireUser: true` does; `requireUser: false` beside it cannot hold.
  if (signature.userRequired) {
    if (options.requireUser === false) report(diagnostic("MZ2010", "contradicts", location, name));
    else options.requireUser = true;
  }
  const file = method.getSourceFile();
  const imported = importSpecifier(b, file, method.parent, exportName);
  const unpublished = imported === null ? unpublishedIn(b, file.fileName) : undefined;
  if (unpublished !== undefined) {
    report(diagnostic("MZ1002", "unpublished", location, method.parent.name?.text ?? exportName, unpublished, modulePath(projectDir, file.fileName)));
    return undefined;
  }
  return {
    name,
    module: modulePath(projectDir, file.fileName),
    specifier: imported?.specifier ?? null,
    exportName,
    importName: imported?.name ?? exportName,
    options,
    location,
    ...signature,
  };
}

function isStatic(ts: TypeScript, node: TS.MethodDeclaration): boolean {
  return hasModifier(ts, node, ts.SyntaxKind.StaticKeyword);
}

function hasModifier(ts: TypeScript, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function describe(ts: TypeScript, node: TS.Node): string {
  if (ts.isClassLike(node)) return "a class";
  if (ts.isMethodDeclaration(node)) return ts.isClassLike(node.parent) ? "an instance method" : "an object method";
  if (ts.isPropertyDeclaration(node)) return "a field";
  if (ts.isGetAccessor(node) || ts.isSetAccessor(node)) return "an accessor";
  return "something else";
}
