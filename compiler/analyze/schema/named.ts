// Named types (interfaces, classes, enums and aliases declared in the
// project or in a package under node_modules, such as a generated Prisma
// client) become one definition each and are referred to by `ref`, which is
// what lets recursive types terminate wherever they are declared and keeps
// the generated files readable. The standard library's aliases (Partial,
// Pick, Record...) are inlined instead.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import { emptyNotes, replay, type Notes, type SchemaBuilder, type Walk } from "./builder.js";

/** What names a type: its declaration, and the type arguments the name spells (`Page<Order>`). */
export interface Naming {
  symbol: TS.Symbol;
  args: readonly TS.Type[];
}

/** How this type is named, if it is one Mizan should name. */
export function naming(b: SchemaBuilder, type: TS.Type): Naming | undefined {
  const symbol = namingSymbol(b, type);
  if (!symbol) {
    // A shape that lost its alias on the way, named after one the project writes (`type Person = Selectable<PersonTable>`).
    const alias = type.flags & (b.ts.TypeFlags.Object | b.ts.TypeFlags.Intersection) ? b.aliasNames.of(type) : undefined;
    return alias ? { symbol: alias, args: [] } : undefined;
  }
  const args = typeArguments(b, type);
  const alias = args.length > 0 && type.aliasSymbol ? b.aliasNames.of(type) : undefined;
  return alias ? { symbol: alias, args: [] } : { symbol, args };
}

function namingSymbol(b: SchemaBuilder, type: TS.Type): TS.Symbol | undefined {
  const F = b.ts.TypeFlags;
  if (!(type.flags & (F.Object | F.Union | F.Intersection))) return undefined;
  const S = b.ts.SymbolFlags;
  const symbol =
    type.aliasSymbol ??
    (type.getSymbol() && type.getSymbol()!.flags & (S.Interface | S.Class | S.Enum) ? type.getSymbol() : undefined);
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration || b.program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return undefined;
  return symbol;
}

/** Returns a ref to the named type, analysing its definition on first sight. */
export function namedSchema(
  b: SchemaBuilder,
  type: TS.Type,
  named: Naming,
  walk: Walk,
  define: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  let entry = b.named.get(type);
  if (!entry) {
    entry = {
      id: typeKey(b, type),
      baseName: baseNameOf(b, named),
      schema: undefined,
      notes: emptyNotes(),
    };
    b.named.set(type, entry);
    b.byId.set(entry.id, entry);
    b.defining.push(named.symbol.getName());
    try {
      entry.schema = define(type, { notes: entry.notes, path: "", resultRoot: false });
    } catch (error) {
      // Half a definition must not serve a later use as if it were whole.
      b.named.delete(type);
      b.byId.delete(entry.id);
      throw error;
    } finally {
      b.defining.pop();
    }
  }
  replay(walk, entry.notes);
  return { kind: "ref", name: entry.id };
}

/**
 * A ref to an anonymous shape met again while it is being analysed: a
 * recursive type that lost its alias (`type DeepPartial<T> = T extends object
 * ? { [K in keyof T]?: DeepPartial<T[K]> } : T` resolves to a mapped type
 * without a name). It becomes a named type, called after the alias that
 * declares it when there is one; the outer analysis gives its definition.
 */
export function recursiveShapeRef(b: SchemaBuilder, type: TS.Type, notes: Notes, walk: Walk): Schema {
  let entry = b.named.get(type);
  if (!entry) {
    entry = { id: typeKey(b, type), baseName: enclosingAlias(b, type) ?? "Recursive", schema: undefined, notes };
    b.named.set(type, entry);
    b.byId.set(entry.id, entry);
  }
  replay(walk, notes);
  return { kind: "ref", name: entry.id };
}

/**
 * The name nearest the shape's declaration: the property whose type it is
 * (openapi-typescript's `components["schemas"]["Company"]`), else the alias
 * or interface around it.
 */
function enclosingAlias(b: SchemaBuilder, type: TS.Type): string | undefined {
  const { ts } = b;
  for (let node: TS.Node | undefined = type.getSymbol()?.declarations?.[0]; node; node = node.parent) {
    if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return node.name.text;
    const parent = node.parent;
    if (parent && ts.isPropertySignature(parent) && parent.type === node && ts.isTypeLiteralNode(node)) {
      const name = ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : "";
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return name;
    }
  }
  return undefined;
}

function typeArguments(b: SchemaBuilder, type: TS.Type): readonly TS.Type[] {
  if (type.aliasSymbol) return type.aliasTypeArguments ?? [];
  return type.flags & b.ts.TypeFlags.Object && (type as TS.ObjectType).objectFlags & b.ts.ObjectFlags.Reference
    ? b.checker.getTypeArguments(type as TS.TypeReference)
    : [];
}

/**
 * What identifies a type across runs and checkers: where its declaration
 * stands and, for an instantiation, its arguments' keys. Two runs over the
 * same sources give a type the same key, which is what lets watch mode keep
 * the analysis of files that did not change.
 */
function typeKey(b: SchemaBuilder, type: TS.Type): string {
  const named = naming(b, type);
  const declaration = named?.symbol.declarations?.[0];
  if (!named || !declaration) return b.checker.typeToString(type, undefined, b.ts.TypeFormatFlags.NoTruncation);
  const { args } = named;
  const at = `${b.relativeFile(declaration.getSourceFile())}:${declaration.getStart()}`;
  return args.length > 0 ? `${at}<${args.map((a) => typeKey(b, a)).join(",")}>` : at;
}

/** The file a type key names (relative to the project), or undefined for a key made of the type's text. */
export function keyFile(id: string): string | undefined {
  return /^([^<]+):\d+(?:<|$)/.exec(id)?.[1];
}

/**
 * A named type's base name: its declared name and, for an instantiation,
 * each argument's name as that type is named itself (`Page<PostSummary>` →
 * `Page_PostSummary`, where PostSummary aliases a mapped type the checker
 * would print whole), else as the checker prints it (`ApiResponse<{ name:
 * string }>` → `ApiResponse_name_string`).
 */
function baseNameOf(b: SchemaBuilder, named: Naming): string {
  if (named.args.length === 0) return named.symbol.getName();
  const args = named.args.map((arg) => {
    const own = naming(b, arg);
    return identifierFrom(own ? baseNameOf(b, own) : b.checker.typeToString(arg, undefined, b.ts.TypeFormatFlags.NoTruncation));
  });
  return [named.symbol.getName(), ...args].join("_");
}

/** `Page<Order>` → `Page_Order`. */
function identifierFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9_$]+/g, "_").replace(/^_+|_+$/g, "") || "Type";
}
