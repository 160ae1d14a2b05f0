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
  // The member accesses on the way (`.C`, `["C"]`), the one nearest the root first.
  const members: { access: TS.PropertyAccessExpression | TS.ElementAccessExpression; name: TS.Node; text: string }[] = [];
  for (;;) {
    if (ts.isPropertyAccessExpression(root)) members.unshift({ access: root, name: root.name, text: root.name.text });
    else if (ts.isElementAccessExpression(root) && ts.isStringLiteralLike(root.argumentExpression)) {
      members.unshift({ access: root, name: root.argumentExpression, text: root.argumentExpression.text });
    }
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
  for (const { access, name, text } of members) {
    const found = checker.getSymbolAtLocation(name);
    if (found !== undefined) {
      // `export * as C from "./gone.js"`: C is there, the module it stands for is not.
      const broken = found.flags & ts.SymbolFlags.Alias ? brokenImport(ts, checker, found, text, true) : undefined;
      if (broken !== undefined) return broken;
      continue;
    }
    // The checker names an element access's symbol by its argument (`N["Inner"]`), a property access's by itself.
    const expression = access.expression;
    const owner = checker.getSymbolAtLocation(ts.isElementAccessExpression(expression) ? expression.argumentExpression : expression);
    const module = owner && aliasTarget(ts, checker, owner);
    const from = owner && lastModule(ts, checker, owner);
    if (module === undefined || !(module.flags & ts.SymbolFlags.ValueModule) || from === undefined) return undefined;
    return `"${from}" exports no \`${text}\`${starNotFound(ts, checker, module)}`;
  }
  return undefined;
}

/** Why an imported (or, `reexported`, a re-exported) binding does not resolve, following its re-exports; undefined when it does. */
function brokenImport(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol, local: string, reexported = false): string | undefined {
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
      return hop === 0 && !reexported
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

/**
 * A module's `export * from` a module that is not found, directly or down a
 * chain of them: where a missing name may have gone.
 */
function starNotFound(ts: TypeScript, checker: TS.TypeChecker, module: TS.Symbol): string {
  const chain = missingStar(ts, checker, module, new Set());
  if (chain === undefined) return "";
  const [first, ...rest] = chain;
  return rest.length === 0
    ? ` (its \`export *\` from "${first}" is not found)`
    : ` (its \`export *\` from "${first}" leads to ${rest.map((from) => `\`export *\` from "${from}"`).join(", then ")}, which is not found)`;
}

/** The specifiers of the `export *` chain that ends in a module not found, or undefined. */
function missingStar(ts: TypeScript, checker: TS.TypeChecker, module: TS.Symbol, seen: Set<TS.Symbol>): string[] | undefined {
  const file = module.valueDeclaration;
  if (file === undefined || !ts.isSourceFile(file) || seen.has(module)) return undefined;
  seen.add(module);
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.exportClause !== undefined || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const next = checker.getSymbolAtLocation(statement.moduleSpecifier);
    const rest = next === undefined ? [] : missingStar(ts, checker, next, seen);
    if (rest !== undefined) return [from, ...rest];
  }
  return undefined;
}

/** The import or re-export statement a binding comes from, when it names a module. */
function moduleStatement(ts: TypeScript, declaration: TS.Node): TS.ImportDeclaration | TS.ExportDeclaration | undefined {
  let node: TS.Node | undefined = declaration;
  while (node !== undefined && !ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) node = node.parent;
  return node !== undefined && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier) ? node : undefined;
}
