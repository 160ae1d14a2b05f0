// Named types (interfaces, classes, enums and aliases declared in the
// project) become one definition each and are referred to by `ref`, which is
// what lets recursive types terminate and keeps the generated files readable.
// Library aliases (Partial, Pick, Record...) are inlined instead.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import type { NamedEntry, SchemaBuilder, Walk } from "./builder.js";

/** The declaration that names this type, if it is one Mizan should name. */
export function namingSymbol(b: SchemaBuilder, type: TS.Type): TS.Symbol | undefined {
  const F = b.ts.TypeFlags;
  if (!(type.flags & (F.Object | F.Union | F.Intersection))) return undefined;
  const S = b.ts.SymbolFlags;
  const symbol =
    type.aliasSymbol ??
    (type.getSymbol() && type.getSymbol()!.flags & (S.Interface | S.Class | S.Enum) ? type.getSymbol() : undefined);
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration || b.isLibFile(declaration.getSourceFile())) return undefined;
  return symbol;
}

/** Returns a ref to the named type, analysing its definition on first sight. */
export function namedSchema(
  b: SchemaBuilder,
  type: TS.Type,
  symbol: TS.Symbol,
  walk: Walk,
  define: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  let entry = b.named.get(type);
  if (!entry) {
    const declaration = symbol.declarations![0]!;
    const text = b.checker.typeToString(type, undefined, b.ts.TypeFormatFlags.NoTruncation);
    const generic = type.aliasTypeArguments?.length || (type as TS.TypeReference).typeArguments?.length;
    entry = {
      id: `\u0000${b.named.size}`,
      baseName: generic ? identifierFrom(text) : symbol.getName(),
      order: `${b.relativeFile(declaration.getSourceFile())}\u0000${String(declaration.getStart()).padStart(10, "0")}\u0000${text}`,
      schema: undefined,
      notes: { problems: [], nominal: false },
    };
    b.named.set(type, entry);
    entry.schema = define(type, { notes: entry.notes, path: "", resultRoot: false });
  }
  for (const p of entry.notes.problems) walk.notes.problems.push({ path: walk.path + p.path, message: p.message });
  if (entry.notes.nominal) walk.notes.nominal = true;
  return { kind: "ref", name: entry.id };
}

/** `Page<Order>` → `Page_Order`. */
function identifierFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9_$]+/g, "_").replace(/^_+|_+$/g, "") || "Type";
}

/** Final names: base names, with `_2`, `_3`... among equal ones in declaration order. */
export function finalNames(entries: Iterable<NamedEntry>, reserved: ReadonlySet<string>): Map<string, string> {
  const byBase = new Map<string, NamedEntry[]>();
  for (const entry of entries) byBase.set(entry.baseName, [...(byBase.get(entry.baseName) ?? []), entry]);
  const names = new Map<string, string>();
  const taken = new Set(reserved);
  for (const base of [...byBase.keys()].sort()) {
    const group = byBase.get(base)!.sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0));
    let n = 1;
    for (const entry of group) {
      let name = n === 1 ? base : `${base}_${n}`;
      while (taken.has(name)) name = `${base}_${++n}`;
      n++;
      taken.add(name);
      names.set(entry.id, name);
    }
  }
  return names;
}
