// What the name closure (lean-closure.ts) asks of the syntax tree: which names a
// statement declares, which names a node puts in scope, whether an
// identifier is looked up in scope, which module a node names. Parsed trees
// only: the check runs before binding, so parent pointers are not set.
import type * as TS from "typescript";
import { ts } from "./typescript.js";

/** The statements of a `declare global { … }` block, or undefined for any other node. */
export function globalBlock(node: TS.Node): readonly TS.Statement[] | undefined {
  return ts.isModuleDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === "global" && node.body && ts.isModuleBlock(node.body)
    ? node.body.statements
    : undefined;
}

export function declaredNames(statement: TS.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
    statement.name && ts.isIdentifier(statement.name)
  )
    return [statement.name.text];
  return [];
}

function bindingNames(name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

/**
 * For `globalThis.X` and for a conditional type testing `typeof globalThis`
 * against an object type literal: the global names read, and the parts to
 * visit as usual.
 */
export function globalThisMembers(node: TS.Node): { names: string[]; rest: TS.Node[] } | undefined {
  const isGlobalThis = (n: TS.Node) => ts.isIdentifier(n) && n.text === "globalThis";
  if (ts.isQualifiedName(node) && isGlobalThis(node.left)) return { names: [node.right.text], rest: [] };
  if (ts.isPropertyAccessExpression(node) && isGlobalThis(node.expression) && ts.isIdentifier(node.name)) return { names: [node.name.text], rest: [] };
  if (ts.isConditionalTypeNode(node) && ts.isTypeQueryNode(node.checkType) && isGlobalThis(node.checkType.exprName) && ts.isTypeLiteralNode(node.extendsType)) {
    const members = node.extendsType.members;
    if (!members.every((m) => ts.isPropertySignature(m) && ts.isIdentifier(m.name))) return undefined;
    return {
      names: members.map((m) => (m.name as TS.Identifier).text),
      rest: [...members.flatMap((m) => ((m as TS.PropertySignature).type ? [(m as TS.PropertySignature).type!] : [])), node.trueType, node.falseType],
    };
  }
  return undefined;
}

/**
 * The names a node declares for its descendants, which therefore never
 * resolve to a global there. It may leave names out (they then count as
 * possible globals, on the safe side), never add one that is not local:
 * `var` in a block counts for that block only, scripts and `declare global`
 * declare globals.
 */
export function scopeNames(node: TS.Node, parent: TS.Node | undefined): string[] | undefined {
  const K = ts.SyntaxKind;
  switch (node.kind) {
    case K.SourceFile:
      return ts.isExternalModule(node as TS.SourceFile) ? statementNames((node as TS.SourceFile).statements) : undefined;
    case K.ModuleBlock:
      return parent && globalBlock(parent) ? undefined : statementNames((node as TS.ModuleBlock).statements);
    case K.Block:
      return statementNames((node as TS.Block).statements);
    case K.CaseBlock:
      return statementNames((node as TS.CaseBlock).clauses.flatMap((clause) => clause.statements));
    case K.ForStatement:
    case K.ForInStatement:
    case K.ForOfStatement: {
      const init = (node as TS.ForStatement | TS.ForInOrOfStatement).initializer;
      return init && ts.isVariableDeclarationList(init) ? init.declarations.flatMap((d) => bindingNames(d.name)) : undefined;
    }
    case K.CatchClause: {
      const variable = (node as TS.CatchClause).variableDeclaration;
      return variable ? bindingNames(variable.name) : undefined;
    }
    case K.MappedType:
      return [(node as TS.MappedTypeNode).typeParameter.name.text];
    case K.ConditionalType:
      return inferNames((node as TS.ConditionalTypeNode).extendsType);
    case K.ClassDeclaration:
    case K.ClassExpression:
    case K.InterfaceDeclaration:
    case K.TypeAliasDeclaration:
      return typeParameterNames(node);
  }
  if (!ts.isFunctionLike(node)) return undefined;
  const names = typeParameterNames(node);
  for (const parameter of node.parameters) names.push(...bindingNames(parameter.name));
  return names;
}

function typeParameterNames(node: TS.Node): string[] {
  return ((node as { typeParameters?: TS.NodeArray<TS.TypeParameterDeclaration> }).typeParameters ?? []).map((p) => p.name.text);
}

export function statementNames(statements: readonly TS.Statement[]): string[] {
  return statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) return [];
      const bindings = clause.namedBindings;
      return [
        ...(clause.name ? [clause.name.text] : []),
        ...(!bindings ? [] : ts.isNamespaceImport(bindings) ? [bindings.name.text] : bindings.elements.map((e) => e.name.text)),
      ];
    }
    if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
    return declaredNames(statement);
  });
}

/** `infer X` names of a conditional type's extends clause (not those of conditional types nested in it). */
function inferNames(node: TS.Node): string[] {
  if (ts.isInferTypeNode(node)) return [node.typeParameter.name.text];
  if (ts.isConditionalTypeNode(node)) return [];
  const names: string[] = [];
  ts.forEachChild(node, (child) => void names.push(...inferNames(child)));
  return names;
}

/** The string literal naming a module, for imports, exports, import types, `import()` and `require()`. */
export function moduleSpecifier(node: TS.Node): TS.StringLiteralLike | undefined {
  const K = ts.SyntaxKind;
  let specifier: TS.Node | undefined;
  switch (node.kind) {
    case K.ImportDeclaration:
    case K.ExportDeclaration:
      specifier = (node as TS.ImportDeclaration | TS.ExportDeclaration).moduleSpecifier;
      break;
    case K.ExternalModuleReference:
      specifier = (node as TS.ExternalModuleReference).expression;
      break;
    case K.ImportType: {
      const argument = (node as TS.ImportTypeNode).argument;
      if (ts.isLiteralTypeNode(argument)) specifier = argument.literal;
      break;
    }
    case K.CallExpression: {
      const call = node as TS.CallExpression;
      if (call.expression.kind === K.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === "require")) specifier = call.arguments[0];
    }
  }
  return specifier && ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/**
 * Could this identifier be looked up in scope (and so reach a global)? Not
 * when it names a member, a declaration, a label or a module's export; any
 * other position counts, which errs on the side of the full program.
 */
export function isReference(node: TS.Identifier, parent: TS.Node | undefined): boolean {
  if (!parent) return true;
  const K = ts.SyntaxKind;
  switch (parent.kind) {
    case K.PropertyAccessExpression:
      return (parent as TS.PropertyAccessExpression).expression === node;
    case K.QualifiedName:
      return (parent as TS.QualifiedName).left === node;
    case K.ImportSpecifier:
    case K.ImportClause:
    case K.NamespaceImport:
    case K.NamespaceExport:
    case K.LabeledStatement:
    case K.BreakStatement:
    case K.ContinueStatement:
    case K.MetaProperty:
    case K.JsxAttribute:
      return false;
    case K.ExportSpecifier:
      return ((parent as TS.ExportSpecifier).propertyName ?? (parent as TS.ExportSpecifier).name) === node;
    case K.BindingElement:
      return (parent as TS.BindingElement).propertyName !== node && (parent as TS.BindingElement).name !== node;
    case K.ShorthandPropertyAssignment:
      return true;
  }
  return (parent as TS.Node & { name?: TS.Node }).name !== node;
}
