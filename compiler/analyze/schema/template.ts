// Template literal types (`ord_${string}`, `${number}px`) are checked
// exactly, by a regular expression built from the type, and so are the keys
// of index signatures over them or over numbers. Undefined where a type has
// no exact pattern (Uppercase<string>...): the caller reports it.
import type * as TS from "typescript";
import type { SchemaBuilder } from "./builder.js";

/**
 * What a template literal's holes match: each kind's pattern, built from
 * `c`, which wraps every character class (see `tempered`). `${number}`:
 * the strings whose `+s` is finite, in decimal (sign, fraction, exponent)
 * or as 0x/0o/0b literals; space around the number, which `+s` also
 * accepts, is rejected. `${bigint}`: a bigint literal (without its `n`),
 * optionally negative, as TypeScript's scanner reads one. Every pattern has
 * one way to match a given string, so none backtracks more than linearly.
 */
const HOLES = {
  string: (c: Char) => `${c("[\\s\\S]")}*`,
  number: (c: Char) =>
    `${c("[+-]")}?(?:${c("\\d")}+(?:${c("\\.")}${c("\\d")}*)?|${c("\\.")}${c("\\d")}+)(?:${c("[eE]")}${c("[+-]")}?${c("\\d")}+)?` +
    `|${c("0")}${c("[xX]")}${c("[\\da-fA-F]")}+|${c("0")}${c("[oO]")}${c("[0-7]")}+|${c("0")}${c("[bB]")}${c("[01]")}+`,
  bigint: (c: Char) =>
    `${c("-")}?(?:${c("0")}|${c("[1-9]")}${c("\\d")}*|${c("0")}${c("[xX]")}${c("[\\da-fA-F]")}+|${c("0")}${c("[oO]")}${c("[0-7]")}+|${c("0")}${c("[bB]")}${c("[01]")}+)`,
};

type Char = (characterClass: string) => string;
const plain: Char = (characterClass) => characterClass;

/** A class of characters none of which starts `text` (a regular expression): a hole that cannot run past the next text. */
function tempered(text: string): Char {
  return (characterClass) => `(?:(?!${text})${characterClass})`;
}

/** The strings of `${number}` (an index signature's number keys). */
export const NUMBER_PATTERN = HOLES.number(plain);

/**
 * The regular expression (without anchors) of the strings of a type, or
 * undefined. A template literal matches as TypeScript matches one: each
 * hole but the last ends at the first occurrence of the text after it (one
 * character when that text is empty), and what it took must be of the
 * hole's type. Such a hole is a lookahead whose capture a backreference then
 * consumes: JavaScript never backtracks into a lookahead, so the pattern is
 * linear however many holes a long input can be split between. `groups`
 * numbers the captures of one regular expression.
 */
export function stringPattern(b: SchemaBuilder, type: TS.Type, groups = { count: 0 }): string | undefined {
  const F = b.ts.TypeFlags;
  if (type.flags & (F.String | F.Any)) return HOLES.string(plain);
  if (type.flags & F.Number) return NUMBER_PATTERN;
  if (type.flags & F.BigInt) return HOLES.bigint(plain);
  if (type.flags & (F.StringLiteral | F.NumberLiteral)) {
    return escape(String((type as TS.StringLiteralType | TS.NumberLiteralType).value));
  }
  if (type.flags & F.BooleanLiteral) return b.checker.typeToString(type);
  if (type.flags & F.Null) return "null";
  if (type.flags & F.Undefined) return "undefined";
  if (type.isUnion()) {
    const members = type.types.map((t) => stringPattern(b, t, groups));
    return members.every((m) => m !== undefined) ? `(?:${members.join("|")})` : undefined;
  }
  if (type.flags & F.TemplateLiteral) {
    const { texts, types } = type as TS.TemplateLiteralType;
    let pattern = escape(texts[0] ?? "");
    for (let i = 0; i < types.length; i++) {
      const hole = holeOf(b, types[i]!);
      if (hole === undefined) return undefined;
      const text = escape(texts[i + 1] ?? "");
      if (i === types.length - 1) pattern += `(?:${hole(plain)})${text}`;
      else if (text === "") pattern += hole === HOLES.string ? "[\\s\\S]" : "\\d";
      else pattern += `(?=((?:${hole(tempered(text))})${text}))\\${++groups.count}`;
    }
    return pattern;
  }
  return undefined;
}

/** A hole's kind: TypeScript folds literals into the texts and spreads unions into a union of templates. */
function holeOf(b: SchemaBuilder, type: TS.Type): ((c: Char) => string) | undefined {
  const F = b.ts.TypeFlags;
  if (type.flags & (F.String | F.Any)) return HOLES.string;
  if (type.flags & F.Number) return HOLES.number;
  if (type.flags & F.BigInt) return HOLES.bigint;
  return undefined;
}

/** The pattern of an index signature's key type: numbers and template literals (a string key needs none). */
export function keyPattern(b: SchemaBuilder, keyType: TS.Type): string | undefined {
  return keyType.flags & b.ts.TypeFlags.Number ? NUMBER_PATTERN : stringPattern(b, keyType);
}

/** Characters a reader does not see: controls, soft hyphen, zero-width and direction marks, separators, lone surrogates, byte-order mark. */
export const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Literal text in a regular expression literal: special characters, `/` and
 * line ends escaped, and what a reader does not see as `\uXXXX` (a lone
 * surrogate would be written to routes.ts as U+FFFD), so that the file stays
 * text and the check matches the type's own text; a surrogate pair too (the
 * pattern has no `u` flag: it matches code units).
 */
function escape(text: string): string {
  return text
    .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(UNSEEN, unicodeEscape)
    .replace(/[\ud800-\udfff]/g, unicodeEscape);
}

export function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
