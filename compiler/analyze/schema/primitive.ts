// Primitive and literal types: read from the type's flags alone.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import { isErrorType, nominal, problem, type SchemaBuilder, type Walk } from "./builder.js";
import { stringPattern, unicodeEscape, UNSEEN } from "./template.js";
import { makeUnion } from "../../ir/make-union.js";

const UNKNOWN_ARRAY: Schema = { kind: "array", element: { kind: "unknown" } };
const UNKNOWN_RECORD: Schema = { kind: "object", properties: [], additional: { kind: "unknown" } };

/** `{}`: any value but null and undefined, as TypeScript means it (strings and numbers included). */
export function nonNullish(): Schema {
  return makeUnion([{ kind: "string" }, { kind: "number" }, { kind: "boolean" }, UNKNOWN_ARRAY, UNKNOWN_RECORD]);
}

/** The schema of a primitive or literal type, or undefined when the type is not one. */
export function primitiveSchema(b: SchemaBuilder, type: TS.Type, walk: Walk): Schema | undefined {
  const F = b.ts.TypeFlags;
  const flags = type.flags;
  // The checker's error type is `any` to everything else: here it would accept any value.
  if (isErrorType(type)) return problem(walk, "the type does not resolve", "MZ2008");
  if (flags & (F.Any | F.Unknown)) return { kind: "unknown" };
  if (flags & F.Never) return problem(walk, "`never` has no value to send");
  if (flags & F.TypeParameter) {
    return problem(walk, `the generic type parameter \`${b.checker.typeToString(type)}\` is not resolved at this signature`);
  }
  if (flags & F.EnumLiteral) walk.notes.nominal = true;
  if (flags & F.StringLiteral) return { kind: "literal", value: (type as TS.StringLiteralType).value };
  if (flags & F.NumberLiteral) return { kind: "literal", value: (type as TS.NumberLiteralType).value };
  if (flags & F.BooleanLiteral) return { kind: "literal", value: b.checker.typeToString(type) === "true" };
  if (flags & (F.TemplateLiteral | F.StringMapping)) {
    const pattern = stringPattern(b, type);
    if (pattern === undefined) {
      return problem(walk, `\`${b.checker.typeToString(type)}\` has no exact check; use a template literal of strings, numbers and literals, or string`, "MZ2007");
    }
    return nominal(walk, { kind: "string", pattern: { regex: pattern, form: typeText(b, type) } });
  }
  if (flags & F.String) return { kind: "string" };
  if (flags & F.Number) return { kind: "number" };
  if (flags & F.Boolean) return { kind: "boolean" };
  if (flags & F.Null) return { kind: "null" };
  if (flags & (F.Undefined | F.Void)) return { kind: "void" };
  if (flags & (F.BigInt | F.BigIntLiteral)) return problem(walk, "a bigint cannot be represented in JSON");
  if (flags & (F.ESSymbol | F.UniqueESSymbol)) return problem(walk, "a symbol cannot be represented in JSON");
  // `object`: any non-primitive, arrays included.
  if (flags & F.NonPrimitive) return makeUnion([UNKNOWN_ARRAY, UNKNOWN_RECORD]);
  return undefined;
}

/**
 * A type as the checker prints it, for a message a user reads (a 400's
 * `must match \`café_${string}\``): the checker spells characters outside
 * ASCII as \u escapes, which are written back as the characters, but for
 * those a reader would not see (controls, format characters, separators,
 * lone surrogates), which are escaped wherever they stand, so that the
 * message reads, and routes.ts, which holds it, stays text.
 */
export function typeText(b: SchemaBuilder, type: TS.Type): string {
  const text = b.checker.typeToString(type, undefined, b.ts.TypeFormatFlags.NoTruncation);
  return text
    .replace(/\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u([0-9a-f]{4})|\\[\s\S]/gi, (escape: string, high?: string, low?: string, one?: string) => {
      if (high !== undefined) return String.fromCharCode(parseInt(high, 16), parseInt(low!, 16));
      return one === undefined ? escape : String.fromCharCode(parseInt(one, 16));
    })
    .replace(UNSEEN, unicodeEscape);
}

