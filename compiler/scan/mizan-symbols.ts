// Is this identifier Mizan's `client`, `defineContext` or `Req`? Resolved
// through the checker, so an alias import or a re-export still counts and an
// unrelated function that happens to be called `client` does not: the
// declaration must live in the package named "mizan".
import type * as TS from "typescript";
import type { TypeScript } from "../host/input.js";

export type MizanExport = "client" | "defineContext" | "Req";

export class MizanSymbols {
  private readonly packageOf = new Map<string, boolean>();

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
  ) {}

  /** The export an expression (`client`, `mz.client`, an alias) refers to, if it is Mizan's. */
  exportAt(node: TS.Node): MizanExport | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    if (symbol.flags & this.ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return this.mizanName(symbol);
  }

  /** Is this type Mizan's `Req` (possibly behind an alias or with a principal argument)? */
  isReq(type: TS.Type): boolean {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    return symbol !== undefined && this.mizanName(symbol) === "Req";
  }

  private mizanName(symbol: TS.Symbol): MizanExport | undefined {
    const name = symbol.getName();
    if (name !== "client" && name !== "defineContext" && name !== "Req") return undefined;
    const declaration = symbol.declarations?.[0];
    if (!declaration || !this.inMizanPackage(declaration.getSourceFile().fileName)) return undefined;
    return name;
  }

  /** Walks up from a file to the nearest package.json and asks whether it is "mizan". */
  private inMizanPackage(fileName: string): boolean {
    const dir = fileName.slice(0, fileName.lastIndexOf("/"));
    return this.isMizanDir(dir);
  }

  private isMizanDir(dir: string): boolean {
    const known = this.packageOf.get(dir);
    if (known !== undefined) return known;
    const manifest = `${dir}/package.json`;
    let result: boolean;
    if (this.ts.sys.fileExists(manifest)) {
      try {
        result = JSON.parse(this.ts.sys.readFile(manifest) ?? "{}").name === "mizan";
      } catch {
        result = false;
      }
    } else {
      const parent = dir.slice(0, dir.lastIndexOf("/"));
      result = parent !== dir && parent !== "" ? this.isMizanDir(parent) : false;
    }
    this.packageOf.set(dir, result);
    return result;
  }
}
