// Reads the options object of `@client({...})`. Each value is read from its
// type, so a literal, a const, a context handle or an imported name all work,
// as long as the build can know it.
import type * as TS from "typescript";
import { HTTP_METHODS, type HttpMethod } from "../../runtime/protocol/names.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { locate } from "../scan/location.js";
import { aliasTarget } from "../scan/alias-target.js";
import type { DecoratorOptions, NameRef } from "./drafts.js";

const KNOWN = new Set(["context", "affects", "private", "requireUser", "route", "methods", "scopeBy"]);
const METHODS = new Set<string>(HTTP_METHODS);

export function readDecoratorOptions(
  ts: TypeScript,
  checker: TS.TypeChecker,
  projectDir: string,
  call: TS.CallExpression,
  report: (d: Diagnostic) => void,
): DecoratorOptions {
  const options: DecoratorOptions = { context: null, affects: [], private: false, requireUser: null, route: null, methods: null, scopeBy: null };
  const at = (node: TS.Node) => locate(projectDir, node);
  const arg = call.arguments[0];
  if (!arg) return options;
  if (!ts.isObjectLiteralExpression(arg)) {
    report(diagnostic("MZ1003", "clientOptions", at(arg)));
    return options;
  }
  const unknown = (node: TS.Expression, what: string) => {
    // A name that does not resolve (a moved module, a renamed export) is not a computed value.
    const cause = unresolvedName(ts, checker, node);
    report(cause === undefined ? diagnostic("MZ1003", "value", at(node), what) : diagnostic("MZ2008", "option", at(node), what, cause));
  };

  for (const property of arg.properties) {
    if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
      report(diagnostic("MZ1003", "spread", at(property)));
      continue;
    }
    const key = property.name && ts.isIdentifier(property.name) ? property.name.text
      : property.name && ts.isStringLiteral(property.name) ? property.name.text : undefined;
    const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    if (key === undefined || !KNOWN.has(key)) {
      report(diagnostic("MZ1004", "unknownOption", at(property.name), property.name.getText()));
      continue;
    }
    switch (key) {
      case "context": {
        const ref = nameRef(checker, value, at);
        if (ref) options.context = ref;
        else unknown(value, "the context");
        break;
      }
      case "affects":
        for (const element of listElements(ts, value)) {
          const ref = nameRef(checker, element, at);
          if (ref) options.affects.push(ref);
          else unknown(element, "the `affects` target");
        }
        break;
      case "private": {
        const type = checker.getTypeAtLocation(value);
        if (type.flags & ts.TypeFlags.BooleanLiteral) options.private = checker.typeToString(type) === "true";
        else unknown(value, "`private`");
        break;
      }
      case "requireUser": {
        const type = checker.getTypeAtLocation(value);
        if (type.flags & ts.TypeFlags.BooleanLiteral) options.requireUser = checker.typeToString(type) === "true";
        else unknown(value, "`requireUser`");
        break;
      }
      case "route": {
        const type = checker.getTypeAtLocation(value);
        if (type.isStringLiteral()) options.route = { value: type.value, location: at(value) };
        else unknown(value, "the route");
        break;
      }
      case "methods": {
        const methods: HttpMethod[] = [];
        const elements = listElements(ts, value);
        if (elements.length === 0) report(diagnostic("MZ1008", "empty", at(value)));
        for (const element of elements) {
          const type = checker.getTypeAtLocation(element);
          if (!type.isStringLiteral()) unknown(element, "the method");
          else if (!METHODS.has(type.value)) {
            report(diagnostic("MZ1008", "unknownMethod", at(element), type.value));
          } else if (!methods.includes(type.value as HttpMethod)) methods.push(type.value as HttpMethod);
        }
        options.methods = { value: methods.sort(), location: at(value) };
        break;
      }
      case "scopeBy": {
        options.scopeBy = [];
        for (const element of listElements(ts, value)) {
          const type = checker.getTypeAtLocation(element);
          if (type.isStringLiteral()) options.scopeBy.push({ name: type.value, location: at(element) });
          else unknown(element, "the `scopeBy` parameter name");
        }
        break;
      }
    }
  }
  return options;
}

/**
 * Why the name an option's value is built on does not resolve: its import's
 * module (or a module it is re-exported from) is not found, a module
 * exports no such name, or the name is declared nowhere. Undefined when it
 * resolves (the value is then computed).
 */
function unresolvedName(ts: TypeScript, checker: TS.TypeChecker, value: TS.Expression): string | undefined {
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

/** The elements of an array literal, or the value itself. */
function listElements(ts: TypeScript, value: TS.Expression): TS.Expression[] {
  let inner = value;
  while (ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isParenthesizedExpression(inner)) {
    inner = inner.expression;
  }
  return ts.isArrayLiteralExpression(inner) ? [...inner.elements] : [value];
}

/** A string literal type names something; a type with a literal `name` is a context handle. */
function nameRef(
  checker: TS.TypeChecker,
  value: TS.Expression,
  at: (node: TS.Node) => SourceLocation,
): NameRef | undefined {
  const type = checker.getTypeAtLocation(value);
  if (type.isStringLiteral()) return { name: type.value, byHandle: false, location: at(value) };
  const nameProperty = type.getProperty("name");
  const viewUrls = type.getProperty("viewUrls");
  if (nameProperty && viewUrls) {
    const nameType = checker.getTypeOfSymbol(nameProperty);
    if (nameType.isStringLiteral()) return { name: nameType.value, byHandle: true, location: at(value) };
  }
  return undefined;
}
