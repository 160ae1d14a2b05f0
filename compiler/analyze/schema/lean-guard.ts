// On a program built without the DOM libraries (mizan-gen's cold runs,
// compiler/host/lean-lib.ts), a type that is a global the DOM declares, or one
// the checker could not resolve, may be another type with the DOM. The host
// checked beforehand that no such type is reachable; this is the second
// line: the run stops, and is done again on the full program.
import type * as TS from "typescript";
import { isErrorType, type SchemaBuilder } from "./builder.js";

export class LeanLibMiss extends Error {}

export function guardLeanLib(b: SchemaBuilder, type: TS.Type, dom: ReadonlySet<string>): void {
  if (isErrorType(type)) throw new LeanLibMiss("a type did not resolve without the DOM libraries");
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    if (symbol && dom.has(symbol.getName()) && isGlobal(b, symbol)) throw new LeanLibMiss(`${symbol.getName()} is a global of the DOM libraries`);
  }
}

/** Declared in the global scope: a script's top level or `declare global` (none at all, as `globalThis`, counts too). */
function isGlobal(b: SchemaBuilder, symbol: TS.Symbol): boolean {
  const declarations = symbol.declarations ?? [];
  return (
    declarations.length === 0 ||
    declarations.some((declaration) => {
      let node = declaration.parent;
      while (node && !b.ts.isSourceFile(node) && !b.ts.isModuleBlock(node)) node = node.parent;
      if (!node) return true;
      if (b.ts.isSourceFile(node)) return !b.ts.isExternalModule(node);
      const module = node.parent;
      return b.ts.isIdentifier(module.name) && module.name.text === "global";
    })
  );
}
