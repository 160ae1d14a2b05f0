// What a name stands for: an import or re-export (TypeScript's alias symbol)
// resolved to the symbol it names; any other symbol as it is.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";

export function aliasTarget(ts: TypeScript, checker: TS.TypeChecker, symbol: TS.Symbol): TS.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}
