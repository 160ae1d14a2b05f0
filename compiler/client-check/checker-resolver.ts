// Resolution with the type checker (mizan-gen and the transformer): an alias
// import, a namespace import or an endpoint held in any variable still
// resolves to the runtime's declarations.
import type * as TS from "typescript";
import { projectRelative } from "../scan/location.js";
import type { TypeScript } from "../input/core-input.js";
import { aliasTarget } from "../scan/alias-target.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import type { ClientResolver } from "./check.js";

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

  isRuntimeCall(call: TS.CallExpression): boolean {
    const { ts } = this;
    const callee = call.expression;
    let name: TS.Node;
    if (ts.isIdentifier(callee)) name = callee;
    else if (ts.isPropertyAccessExpression(callee) && callee.name.text === "call") name = callee.name;
    else return false;
    const found = this.checker.getSymbolAtLocation(name);
    const symbol = found && aliasTarget(ts, this.checker, found);
    if (!symbol || symbol.getName() !== "call") return false;
    const declaration = symbol.declarations?.[0];
    const path = declaration && this.symbols.pathInPackage(declaration.getSourceFile().fileName);
    return path !== undefined && CLIENT_RUNTIME.test(path);
  }

  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression, name: string): boolean {
    const key = this.ts.isPropertyAccessExpression(access) ? access.name : access.argumentExpression;
    const declaration = this.checker.getSymbolAtLocation(key)?.valueDeclaration;
    if (!declaration || !this.ts.isMethodDeclaration(declaration)) return false;
    return this.privateModules.get(name) === projectRelative(this.projectDir, declaration.getSourceFile().fileName);
  }
}
