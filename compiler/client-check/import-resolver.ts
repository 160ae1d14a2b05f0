// Resolution without a program (the bundler plugin): by the file's own
// imports. The runtime's `call` is a binding imported from "mizan/client"
// (by any local name, or through a namespace import), or `.call` on an
// endpoint created in the file; a private method is `.name` on a binding
// imported from any other module. Shadowing is not tracked.
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
    if (this.endpointFactories.size + this.namespaces.size === 0) return;
    const visit = (node: TS.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && this.isEndpoint(node.initializer)) {
        this.endpoints.add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  isRuntimeCall(call: TS.CallExpression): boolean {
    const { ts } = this;
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return this.calls.has(callee.text);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "call") return false;
    const target = callee.expression;
    if (ts.isIdentifier(target)) return this.namespaces.has(target.text) || this.endpoints.has(target.text);
    return this.isEndpoint(target);
  }

  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression): boolean {
    const { ts } = this;
    let root: TS.Expression = access.expression;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    return ts.isIdentifier(root) && this.imported.has(root.text);
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
