// Resolution without a program (the bundler plugin): by the file's own
// imports. The runtime's `call` is a binding imported from "mizan/client"
// (by any local name, or through a namespace import), a variable holding it
// (`const send = call`, `const { call } = ns`, or `send = call` later), or
// `.call` on an endpoint created in the file; a private method is `.name` on
// a binding imported from any other module. Each name is resolved to the
// declaration it means where it is used, scope by scope: a parameter or a
// local called `call` is that declaration, not the import, and an alias
// declared in a function is known there, and so is a parameter whose default
// is one of these.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";
import { boundTarget, keyText, memberName, unwrap, type ClientResolver } from "./check.js";

const CLIENT_MODULE = "mizan/client";

/** What declares a name: an import's binding, a variable, a destructured element, a parameter… */
type Declaration = TS.Node;

export class ImportResolver implements ClientResolver {
  /** Declarations that hold the runtime's `call`, its `endpoint`, a namespace import of it, or an endpoint. */
  private readonly calls = new Set<Declaration | undefined>();
  private readonly endpointFactories = new Set<Declaration | undefined>();
  private readonly namespaces = new Set<Declaration | undefined>();
  private readonly endpoints = new Set<Declaration | undefined>();
  /** Variables also given something else: without flow analysis, which value a call sees is unknown, so none is assumed. */
  private readonly reassigned = new Set<Declaration>();
  /** Bindings imported from modules other than Mizan's. */
  private readonly imported = new Set<Declaration | undefined>();

  constructor(
    private readonly ts: TypeScript,
    private readonly file: TS.SourceFile,
  ) {
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const from = statement.moduleSpecifier.text;
      if (from === CLIENT_MODULE) this.readRuntimeImport(clause);
      else if (from !== "mizan" && !from.startsWith("mizan/")) this.readOtherImport(clause);
    }
    if (this.calls.size + this.endpointFactories.size + this.namespaces.size === 0) return;
    // In source order, so that an alias of an alias is known when it is met.
    const visit = (node: TS.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer) this.readVariable(node, node.initializer);
      // `function f(a = api)`: what a caller passes instead is an endpoint too, or the call does not type-check.
      else if (ts.isParameter(node) && node.initializer && ts.isIdentifier(node.name)) this.hold(node, unwrap(ts, node.initializer));
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
        const declaration = this.declarationOf(node.left);
        if (declaration !== undefined) this.hold(declaration, unwrap(ts, node.right));
      } else for (const name of writtenNames(ts, node)) this.reassign(name);
      ts.forEachChild(node, visit);
    };
    visit(file);
    for (const declaration of this.reassigned) {
      this.calls.delete(declaration);
      this.endpoints.delete(declaration);
      this.endpointFactories.delete(declaration);
      this.namespaces.delete(declaration);
    }
  }

  isRuntimeCall(callee: TS.Expression): boolean {
    if (this.ts.isIdentifier(callee)) return this.calls.has(this.declarationOf(callee));
    return this.isCallMember(callee);
  }

  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression): boolean {
    const { ts } = this;
    let root: TS.Expression = access.expression;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    return ts.isIdentifier(root) && this.imported.has(this.declarationOf(root));
  }

  /** `ns.call`, `api.call`, `api["call"]`, `endpoint(…).call`. */
  private isCallMember(node: TS.Expression): boolean {
    const { ts } = this;
    if (memberName(ts, node) !== "call") return false;
    const target = unwrap(ts, (node as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
    if (ts.isIdentifier(target)) {
      const declaration = this.declarationOf(target);
      return this.namespaces.has(declaration) || this.endpoints.has(declaration);
    }
    return this.isEndpoint(target);
  }

  /** `endpoint(...)` or `ns.endpoint(...)`. */
  private isEndpoint(node: TS.Expression): boolean {
    const { ts } = this;
    node = unwrap(ts, node);
    if (!ts.isCallExpression(node)) return false;
    const callee = unwrap(ts, node.expression);
    if (ts.isIdentifier(callee)) return this.endpointFactories.has(this.declarationOf(callee));
    if (memberName(ts, callee) !== "endpoint") return false;
    const target = unwrap(ts, (callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
    return ts.isIdentifier(target) && this.namespaces.has(this.declarationOf(target));
  }

  /** A variable holding an endpoint, the runtime's `call` or `endpoint`, or destructuring them out of a namespace or an endpoint. */
  private readVariable(declaration: TS.VariableDeclaration, initializer: TS.Expression): void {
    const { ts } = this;
    const name = declaration.name;
    const value = unwrap(ts, initializer);
    if (ts.isIdentifier(name)) {
      // A second `var s = …` gives the first one something else, as `s = …` would.
      this.hold(this.declarationOf(name) ?? declaration, value);
      return;
    }
    if (!ts.isObjectBindingPattern(name)) return;
    let fromNamespace = false;
    if (ts.isIdentifier(value)) {
      const source = this.declarationOf(value);
      fromNamespace = this.namespaces.has(source);
      if (!fromNamespace && !this.endpoints.has(source)) return;
    } else if (!this.isEndpoint(value)) return;
    for (const element of name.elements) {
      if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
      const key = element.propertyName === undefined ? element.name.text : keyText(ts, element.propertyName);
      if (key === "call") this.calls.add(element);
      else if (key === "endpoint" && fromNamespace) this.endpointFactories.add(element);
    }
  }

  /** A variable given `value` (declared with it, or assigned it later) holds what `value` is (an endpoint or a namespace held elsewhere too); `f.bind(thisArg)` holds `f`. */
  private hold(declaration: Declaration, given: TS.Expression): void {
    const { ts } = this;
    const value = boundTarget(ts, given) ?? given;
    const source = ts.isIdentifier(value) ? this.declarationOf(value) : undefined;
    if (this.isEndpoint(value) || (source !== undefined && this.endpoints.has(source))) this.endpoints.add(declaration);
    else if (source !== undefined && this.namespaces.has(source)) this.namespaces.add(declaration);
    else if (ts.isIdentifier(value) && this.calls.has(this.declarationOf(value))) this.calls.add(declaration);
    else if (ts.isIdentifier(value) && this.endpointFactories.has(this.declarationOf(value))) this.endpointFactories.add(declaration);
    else if (this.isCallMember(value)) this.calls.add(declaration);
    else this.reassigned.add(declaration);
  }

  private reassign(name: TS.Identifier): void {
    const declaration = this.declarationOf(name);
    if (declaration !== undefined) this.reassigned.add(declaration);
  }

  /** The declaration a name means where it is used: the nearest scope's that declares it, else the file's. */
  private declarationOf(name: TS.Identifier): Declaration | undefined {
    return declarationIn(this.ts, name) ?? moduleDeclaration(this.ts, this.file, name.text);
  }

  private readRuntimeImport(clause: TS.ImportClause): void {
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) {
      this.namespaces.add(bindings);
      return;
    }
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const exported = (element.propertyName ?? element.name).text;
      if (exported === "call") this.calls.add(element);
      else if (exported === "endpoint") this.endpointFactories.add(element);
    }
  }

  private readOtherImport(clause: TS.ImportClause): void {
    if (clause.name) this.imported.add(clause);
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) this.imported.add(bindings);
    else for (const element of bindings.elements) if (!element.isTypeOnly) this.imported.add(element);
  }
}

/**
 * The variables `node` writes other than by a plain `name = value` (which
 * `hold` reads): destructuring assignments, `for (name of …)` and
 * `for (name in …)`, compound assignments, `++` and `--`.
 */
function writtenNames(ts: TypeScript, node: TS.Node): TS.Identifier[] {
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) return ts.isIdentifier(node.left) ? [] : targetNames(ts, node.left);
    return operator >= ts.SyntaxKind.FirstCompoundAssignment && operator <= ts.SyntaxKind.LastCompoundAssignment ? targetNames(ts, node.left) : [];
  }
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const head = node.initializer;
    if (!ts.isVariableDeclarationList(head)) return targetNames(ts, head);
    // `for (var s of …)` gives the function's `s` each value; a `let` or `const` there is a variable of its own.
    return head.flags & ts.NodeFlags.BlockScoped ? [] : head.declarations.flatMap((declaration) => boundNames(ts, declaration.name));
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    return targetNames(ts, node.operand);
  }
  return [];
}

/** The names a binding declares: `s`, `[s, { t }]`. */
function boundNames(ts: TypeScript, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(ts, element.name)));
}

/** The names an assignment target writes: `s`, `[s, t = d, ...r]`, `{ s, k: t, ...r }`, nested. */
function targetNames(ts: TypeScript, target: TS.Node): TS.Identifier[] {
  const node = ts.isExpression(target) ? unwrap(ts, target) : target;
  if (ts.isIdentifier(node)) return [node];
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((element) => targetNames(ts, element));
  if (ts.isObjectLiteralExpression(node)) return node.properties.flatMap((property) => targetNames(ts, property));
  if (ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) return targetNames(ts, node.expression);
  if (ts.isPropertyAssignment(node)) return targetNames(ts, node.initializer);
  if (ts.isShorthandPropertyAssignment(node)) return [node.name];
  // A default value: `[s = d] = …`.
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) return targetNames(ts, node.left);
  return [];
}

/** The file's own declaration of `text`: an import's binding, or a top-level variable, function, class or enum. */
function moduleDeclaration(ts: TypeScript, file: TS.SourceFile, text: string): Declaration | undefined {
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name?.text === text) return clause;
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === text) return bindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (element.name.text === text) return element;
    } else {
      const found = declaredBy(ts, statement, text);
      if (found) return found;
    }
  }
  // A `var` in a top-level block or loop is the file's.
  return hoisted(ts, file, text);
}

/**
 * The declaration an inner scope gives `name` (a parameter, a local, a
 * function or class, a catch or loop variable), the nearest one; undefined
 * when only the file declares it.
 */
function declarationIn(ts: TypeScript, name: TS.Identifier): Declaration | undefined {
  const text = name.text;
  for (let scope: TS.Node = name.parent; !ts.isSourceFile(scope); scope = scope.parent) {
    let found: Declaration | undefined;
    if (ts.isFunctionLike(scope)) {
      for (const parameter of scope.parameters) found ??= bound(ts, parameter, parameter.name, text);
      // A function expression's own name is bound inside it.
      if (!found && (ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === text) found = scope;
      const body = (scope as TS.FunctionLikeDeclaration).body;
      if (!found && body !== undefined) found = hoisted(ts, body, text);
    } else if (ts.isBlock(scope) || ts.isCaseBlock(scope) || ts.isModuleBlock(scope)) {
      const statements = ts.isCaseBlock(scope) ? scope.clauses.flatMap((c) => [...c.statements]) : scope.statements;
      // A `var` in a block is the function's (or the file's), found further up.
      for (const statement of statements) found ??= declaredBy(ts, statement, text, !ts.isModuleBlock(scope));
    } else if (
      (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) &&
      scope.initializer &&
      ts.isVariableDeclarationList(scope.initializer) &&
      scope.initializer.flags & ts.NodeFlags.BlockScoped
    ) {
      for (const declaration of scope.initializer.declarations) found ??= bound(ts, declaration, declaration.name, text);
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      found = bound(ts, scope.variableDeclaration, scope.variableDeclaration.name, text);
    }
    if (found) return found;
  }
  return undefined;
}

/** What a statement declares as `text` in its block: a variable (or a destructured element; a `let` or `const` alone when `blockScoped`), a function, a class or an enum. */
function declaredBy(ts: TypeScript, statement: TS.Statement, text: string, blockScoped = false): Declaration | undefined {
  if (ts.isVariableStatement(statement)) {
    if (blockScoped && !(statement.declarationList.flags & ts.NodeFlags.BlockScoped)) return undefined;
    for (const declaration of statement.declarationList.declarations) {
      const found = bound(ts, declaration, declaration.name, text);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) return statement.name?.text === text ? statement : undefined;
  return undefined;
}

/** A `var` anywhere in a function's body (outside nested functions) is the function's. */
function hoisted(ts: TypeScript, body: TS.Node, text: string): Declaration | undefined {
  let found: Declaration | undefined;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) found ??= bound(ts, declaration, declaration.name, text);
    }
    if (!found) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The node that binds `text` in a binding (a name: its owner; a pattern: the element), or undefined. */
function bound(ts: TypeScript, owner: Declaration, name: TS.BindingName, text: string): Declaration | undefined {
  if (ts.isIdentifier(name)) return name.text === text ? owner : undefined;
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const found = bound(ts, element, element.name, text);
    if (found) return found;
  }
  return undefined;
}
