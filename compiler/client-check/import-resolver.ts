// Resolution without a program (the bundler plugin): by the file's own
// imports. The runtime's `call` is a binding imported from "mizan/client"
// (by any local name, or through a namespace import), a variable holding it
// (`const send = call`, `const { call } = ns`), or `.call` on an endpoint
// created in the file; a private method is `.name` on a binding imported
// from any other module. A name declared again in an inner scope (a
// parameter or a local called `call`) is that declaration, not the import.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";
import type { ClientResolver } from "./check.js";

const CLIENT_MODULE = "mizan/client";

export class ImportResolver implements ClientResolver {
  /** Local names of the runtime's `call` and `endpoint`, and of namespace imports of it. */
  private readonly calls = new Set<string>();
  private readonly endpointFactories = new Set<string>();
  private readonly namespaces = new Set<string>();
  /** Variables initialised with an endpoint. */
  private readonly endpoints = new Set<string>();
  /** Bindings imported from modules other than Mizan's. */
  private readonly imported = new Set<string>();

  constructor(
    private readonly ts: TypeScript,
    file: TS.SourceFile,
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
      if (ts.isVariableDeclaration(node) && node.initializer) this.readVariable(node.name, node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  isRuntimeCall(call: TS.CallExpression): boolean {
    const { ts } = this;
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return this.calls.has(callee.text) && !shadowed(ts, callee);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "call") return false;
    const target = callee.expression;
    if (ts.isIdentifier(target)) return (this.namespaces.has(target.text) || this.endpoints.has(target.text)) && !shadowed(ts, target);
    return this.isEndpoint(target);
  }

  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression): boolean {
    const { ts } = this;
    let root: TS.Expression = access.expression;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    return ts.isIdentifier(root) && this.imported.has(root.text) && !shadowed(ts, root);
  }

  /** A variable holding an endpoint, the runtime's `call` or `endpoint`, or destructuring them out of a namespace or an endpoint. */
  private readVariable(name: TS.BindingName, initializer: TS.Expression): void {
    const { ts } = this;
    if (ts.isIdentifier(name)) {
      if (this.isEndpoint(initializer)) this.endpoints.add(name.text);
      else if (ts.isIdentifier(initializer) && this.calls.has(initializer.text) && !shadowed(ts, initializer)) this.calls.add(name.text);
      else if (ts.isIdentifier(initializer) && this.endpointFactories.has(initializer.text)) this.endpointFactories.add(name.text);
      return;
    }
    if (!ts.isObjectBindingPattern(name) || !ts.isIdentifier(initializer) || shadowed(ts, initializer)) return;
    const fromNamespace = this.namespaces.has(initializer.text);
    if (!fromNamespace && !this.endpoints.has(initializer.text)) return;
    for (const element of name.elements) {
      const key = element.propertyName ?? element.name;
      if (!ts.isIdentifier(key) || !ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
      if (key.text === "call") this.calls.add(element.name.text);
      else if (key.text === "endpoint" && fromNamespace) this.endpointFactories.add(element.name.text);
    }
  }

  /** `endpoint(...)` or `ns.endpoint(...)`. */
  private isEndpoint(node: TS.Expression): boolean {
    const { ts } = this;
    if (!ts.isCallExpression(node)) return false;
    const callee = node.expression;
    if (ts.isIdentifier(callee)) return this.endpointFactories.has(callee.text);
    return (
      ts.isPropertyAccessExpression(callee) &&
      callee.name.text === "endpoint" &&
      ts.isIdentifier(callee.expression) &&
      this.namespaces.has(callee.expression.text)
    );
  }

  private readRuntimeImport(clause: TS.ImportClause): void {
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) {
      this.namespaces.add(bindings.name.text);
      return;
    }
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const exported = (element.propertyName ?? element.name).text;
      if (exported === "call") this.calls.add(element.name.text);
      else if (exported === "endpoint") this.endpointFactories.add(element.name.text);
    }
  }

  private readOtherImport(clause: TS.ImportClause): void {
    if (clause.name) this.imported.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (this.ts.isNamespaceImport(bindings)) this.imported.add(bindings.name.text);
    else for (const element of bindings.elements) if (!element.isTypeOnly) this.imported.add(element.name.text);
  }
}

/**
 * Whether an inner scope declares `name` again (a parameter, a local, a
 * function or class, a catch or loop variable): then it means that
 * declaration, not the file's import of that name.
 */
function shadowed(ts: TypeScript, name: TS.Identifier): boolean {
  const text = name.text;
  for (let scope: TS.Node = name.parent; !ts.isSourceFile(scope); scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      if (scope.parameters.some((p) => binds(ts, p.name, text))) return true;
      // A function expression's own name is bound inside it.
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === text) return true;
      const body = (scope as TS.FunctionLikeDeclaration).body;
      if (body !== undefined && hoists(ts, body, text)) return true;
    } else if (ts.isBlock(scope) || ts.isCaseBlock(scope) || ts.isModuleBlock(scope)) {
      const statements = ts.isCaseBlock(scope) ? scope.clauses.flatMap((c) => [...c.statements]) : scope.statements;
      if (statements.some((s) => declares(ts, s, text))) return true;
    } else if ((ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      if (scope.initializer.declarations.some((d) => binds(ts, d.name, text))) return true;
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration && binds(ts, scope.variableDeclaration.name, text)) {
      return true;
    }
  }
  return false;
}

/** A statement that declares `text` in its block: a variable, a function, a class or an enum. */
function declares(ts: TypeScript, statement: TS.Statement, text: string): boolean {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => binds(ts, d.name, text));
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) return statement.name?.text === text;
  return false;
}

/** A `var` anywhere in a function's body (outside nested functions) is the function's. */
function hoists(ts: TypeScript, body: TS.Node, text: string): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) found = node.declarations.some((d) => binds(ts, d.name, text));
    if (!found) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Whether a binding (a name, or a destructuring pattern) binds `text`. */
function binds(ts: TypeScript, name: TS.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((element) => !ts.isOmittedExpression(element) && binds(ts, element.name, text));
}
