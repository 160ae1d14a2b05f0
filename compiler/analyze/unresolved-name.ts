// Why a name an @client option is built on does not resolve (MZ2008): a
// module moved or renamed, an export renamed, a re-export of a module that is
// gone. Followed through imports, re-exports and namespace members, so the
// message names the module and the export that are missing.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";
import { aliasTarget } from "../scan/alias-target.js";

/**
 * Why the name an option's value is built on does not resolve: its import's
 * module (or a module it is re-exported from) is not found, a module
 * exports no such name, or the name is declared nowhere. Undefined when it
 * resolves (the value is then computed).
 */
export function unresolvedName(ts: TypeScript, checker: TS.TypeChecker, value: TS.Expression): string | undefined {
  let root: TS.Expression = value;
  // The member accesses on the way, the one nearest the root first.
  const members: TS.PropertyAccessExpression[] = [];
  for (;;) {
    if (ts.isPropertyAccessExpression(root)) members.unshift(root);
    if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isAsExpression(root) || ts.isSatisfiesExpression(root)) {
      root = root.expression;
    } else break;
  }
  if (!ts.isIdentifier(root)) return undefined;
  const symbol = checker.getSymbolAtLocation(root);
  if (symbol === undefined) return `\`${root.text}\` is not found`;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    const broken = brokenImport(ts, checker, symbol, root.text);
    if (broken !== undefined) return broken;
  }
  // `ns.Name`, `Outer.C.Name` through namespace imports and re-exports: the module's exports decide.
  for (const access of members) {
    if (checker.getSymbolAtLocation(access.name) !== undefined) continue;
    const owner = checker.getSymbolAtLocation(access.expression);
    const module = owner && aliasTarget(ts, checker, owner);
    const from = owner && lastModule(ts, checker, owner);
    if (module === undefined || !(module.flags & ts.SymbolFlags.ValueModule) || from === undefined) return undefined;
    return `"${from}" exports no \`${access.name.text}\`${starNotFound(ts, checker, module)}`;
  }
  return undefined;
}

/** Why an imported binding does not resolve, following its re-exports; undefined when it does. */
function brokenImport(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol, local: string): string | undefined {
  let current = symbol;
  for (let hop = 0; hop < 16 && current.flags & ts.SymbolFlags.Alias; hop++) {
    const declaration = current.declarations?.[0];
    const statement = declaration && moduleStatement(ts, declaration);
    if (declaration === undefined || statement === undefined) return undefined;
    const from = (statement.moduleSpecifier as TS.StringLiteral).text;
    const asked =
      ts.isImportSpecifier(declaration) || ts.isExportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text
      : ts.isImportClause(declaration) ? "default"
      : local;
    const module = checker.getSymbolAtLocation(statement.moduleSpecifier!);
    if (module === undefined) {
      return hop === 0
        ? `\`${asked}\` is imported from "${from}", which is not found`
        : `\`${asked}\` is re-exported from "${from}", which is not found`;
    }
    const next = checker.getImmediateAliasedSymbol(current);
    if (next === undefined || !next.declarations?.length) return `"${from}" exports no \`${asked}\`${starNotFound(ts, checker, module)}`;
    current = next;
  }
  return undefined;
}

/** The specifier of the last import or re-export a binding goes through, when it names a module. */
function lastModule(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol): string | undefined {
  let from: string | undefined;
  let current: TS.Symbol | undefined = symbol;
  for (let hop = 0; hop < 16 && current !== undefined && current.flags & ts.SymbolFlags.Alias; hop++) {
    const statement = current.declarations?.[0] && moduleStatement(ts, current.declarations[0]);
    if (statement !== undefined) from = (statement.moduleSpecifier as TS.StringLiteral).text;
    current = checker.getImmediateAliasedSymbol(current);
  }
  return from;
}

/** A module's `export * from` a module that is not found: where a missing name may have gone. */
function starNotFound(ts: TypeScript, checker: TS.TypeChecker, module: TS.Symbol): string {
  const file = module.valueDeclaration;
  if (file === undefined || !ts.isSourceFile(file)) return "";
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause !== undefined || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (checker.getSymbolAtLocation(statement.moduleSpecifier) === undefined) return ` (its \`export *\` from "${statement.moduleSpecifier.text}" is not found)`;
  }
  return "";
}

/** The import or re-export statement a binding comes from, when it names a module. */
function moduleStatement(ts: TypeScript, declaration: TS.Node): TS.ImportDeclaration | TS.ExportDeclaration | undefined {
  let node: TS.Node | undefined = declaration;
  while (node !== undefined && !ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) node = node.parent;
  return node !== undefined && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier) ? node : undefined;
}
