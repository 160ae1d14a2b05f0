// Template literal types (`ord_${string}`, `${number}px`) are checked
// exactly, by a regular expression built from the type, and so are the keys
// of index signatures over them or over numbers. Undefined where a type has
// no exact pattern (Uppercase<string>...): the caller reports it.
import type * as TS from "typescript";
import type { SchemaBuilder } from "./builder.js";

/**
 * The strings TypeScript reads as a number in `${number}`: those whose `+s`
 * is finite. Decimal (sign, fraction, exponent) and 0x/0o/0b literals; space
 * around the number, which `+s` also accepts, is rejected.
 */
export const NUMBER_PATTERN = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|0[xX][\\da-fA-F]+|0[oO][0-7]+|0[bB][01]+";

/** The regular expression (without anchors) of the strings of a type, or undefined. */
export function stringPattern(b: SchemaBuilder, type: TS.Type): string | undefined {
  const F = b.ts.TypeFlags;
  if (type.flags & (F.String | F.Any)) return "[\\s\\S]*";
  if (type.flags & F.Number) return NUMBER_PATTERN;
  if (type.flags & F.BigInt) return "-?\\d+";
  if (type.flags & (F.StringLiteral | F.NumberLiteral)) {
    return escape(String((type as TS.StringLiteralType | TS.NumberLiteralType).value));
  }
  if (type.flags & F.BooleanLiteral) return b.checker.typeToString(type);
  if (type.flags & F.Null) return "null";
  if (type.flags & F.Undefined) return "undefined";
  if (type.isUnion()) {
    const members = type.types.map((t) => stringPattern(b, t));
    return members.every((m) => m !== undefined) ? `(?:${members.join("|")})` : undefined;
  }
  if (type.flags & F.TemplateLiteral) {
    const { texts, types } = type as TS.TemplateLiteralType;
    let pattern = escape(texts[0] ?? "");
    for (let i = 0; i < types.length; i++) {
      const part = stringPattern(b, types[i]!);
      if (part === undefined) return undefined;
      pattern += `(?:${part})${escape(texts[i + 1] ?? "")}`;
    }
    return pattern;
  }
  return undefined;
}

/** The pattern of an index signature's key type: numbers and template literals (a string key needs none). */
export function keyPattern(b: SchemaBuilder, keyType: TS.Type): string | undefined {
  return keyType.flags & b.ts.TypeFlags.Number ? NUMBER_PATTERN : stringPattern(b, keyType);
}

/** Literal text in a regular expression literal: special characters, `/` and line ends escaped. */
function escape(text: string): string {
  return text
    .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
