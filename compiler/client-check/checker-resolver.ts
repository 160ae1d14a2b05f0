// Resolution with the type checker (mizan-gen and the transformer): an alias
// import, a namespace import or an endpoint held in any variable still
// resolves to the runtime's declarations.
import type * as TS from "typescript";
import { modulePath } from "../scan/location.js";
import type { TypeScript } from "../input/core-input.js";
import { aliasTarget } from "../scan/alias-target.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import { boundTarget, keyText, memberName, unwrap, type ClientResolver } from "./check.js";

/** Where `call` is declared in the package: the function in endpoint, the method of `Endpoint`. */
const CLIENT_RUNTIME = /^(?:dist\/)?client\/[^/]+\.(?:d\.)?[mc]?[jt]s$/;

export class CheckerResolver implements ClientResolver {
  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    private readonly symbols: MizanSymbols,
    private readonly projectDir: string,
    /** Private function name → the module (project-relative) that declares it. */
    private readonly privateModules: ReadonlyMap<string, string>,
  ) {}

  isRuntimeCall(callee: TS.Expression): boolean {
    const { ts, checker } = this;
    let name: TS.Node;
    if (ts.isIdentifier(callee)) name = callee;
    else if (memberName(ts, callee) === "call") name = ts.isPropertyAccessExpression(callee) ? callee.name : (callee as TS.ElementAccessExpression).argumentExpression;
    else return false;
    const found = checker.getSymbolAtLocation(name);
    if (found === undefined) return false;
    if (this.#isRuntime(this.#held(aliasTarget(ts, checker, found), 0))) return true;
    // A variable given `call` after its declaration (`let send; send = call`): where it is called, its type is `call`'s own.
    const declaration = found.valueDeclaration;
    const mutable = declaration !== undefined && ts.isVariableDeclaration(declaration) && !isConst(ts, declaration);
    return mutable && this.#isRuntime(checker.getTypeAtLocation(callee).getSymbol());
  }

  /** The runtime's `call`: the function in the package's client module, or the endpoint's method. */
  #isRuntime(symbol: TS.Symbol | undefined): boolean {
    if (!symbol || symbol.getName() !== "call") return false;
    const declaration = symbol.declarations?.[0];
    const path = declaration && this.symbols.pathInPackage(declaration.getSourceFile().fileName);
    return path !== undefined && CLIENT_RUNTIME.test(path);
  }

  /**
   * What a variable holds, when it is declared holding another binding
   * (`const send = call`) or one taken out of an object (`const { call } = ns`):
   * the runtime's `call` under another name is still the runtime's.
   */
  #held(symbol: TS.Symbol, depth: number): TS.Symbol {
    const { ts, checker } = this;
    const declaration = symbol.valueDeclaration;
    if (depth > 8 || declaration === undefined) return symbol;
    let next: TS.Symbol | undefined;
    // Followed for a const, or a `let` never assigned again; one that is is read by its type where it is called (isRuntimeCall).
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer && (isConst(ts, declaration) || !this.#reassigned(symbol, declaration))) {
      const initializer = unwrap(ts, declaration.initializer);
      // `call.bind(thisArg)` calls `call` with the same arguments.
      const held = boundTarget(ts, initializer) ?? initializer;
      if (ts.isIdentifier(held) || ts.isPropertyAccessExpression(held)) next = checker.getSymbolAtLocation(held);
      else if (ts.isElementAccessExpression(held) && ts.isStringLiteralLike(held.argumentExpression)) next = checker.getSymbolAtLocation(held.argumentExpression);
    } else if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
      const initializer = declaration.parent.parent.initializer && unwrap(ts, declaration.parent.parent.initializer);
      const key = declaration.propertyName === undefined ? (ts.isIdentifier(declaration.name) ? declaration.name.text : undefined) : keyText(ts, declaration.propertyName);
      if (initializer && key !== undefined) next = checker.getPropertyOfType(checker.getTypeAtLocation(initializer), key);
    }
    return next === undefined ? symbol : this.#held(aliasTarget(ts, checker, next), depth + 1);
  }

  readonly #assigned = new Map<TS.Symbol, boolean>();

  /**
   * Whether a `let` or `var` may be given anything after its initializer:
   * any use of it other than a call of it (an assignment, a destructuring,
   * a `for … of`, a second `var`, or being handed on) counts.
   */
  #reassigned(symbol: TS.Symbol, declaration: TS.VariableDeclaration): boolean {
    const { ts, checker } = this;
    let known = this.#assigned.get(symbol);
    if (known !== undefined) return known;
    known = false;
    const name = symbol.getName();
    const visit = (node: TS.Node): void => {
      if (known) return;
      if (ts.isIdentifier(node) && node.text === name && node !== declaration.name && checker.getSymbolAtLocation(node) === symbol) {
        let use: TS.Node = node;
        while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
        if (!(ts.isCallExpression(use.parent) && use.parent.expression === use)) known = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration.getSourceFile());
    this.#assigned.set(symbol, known);
    return known;
  }

  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression, name: string): boolean {
    const key = this.ts.isPropertyAccessExpression(access) ? access.name : access.argumentExpression;
    const declaration = this.checker.getSymbolAtLocation(key)?.valueDeclaration;
    if (!declaration || !this.ts.isMethodDeclaration(declaration)) return false;
    return this.privateModules.get(name) === modulePath(this.projectDir, declaration.getSourceFile().fileName);
  }
}

function isConst(ts: TypeScript, declaration: TS.VariableDeclaration): boolean {
  return (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Constant) !== 0;
}
