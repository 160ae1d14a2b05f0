// Unions: members analysed one by one, what JSON cannot carry left out, and
// the rest joined by makeUnion (compiler/ir/make-union.ts).
import type * as TS from "typescript";
import { makeUnion } from "../../ir/make-union.js";
import type { Schema } from "../../ir/types.js";
import { arrayElement } from "./array.js";
import { positionProblem, type SchemaBuilder, type Walk } from "./builder.js";
import { hasPrivateMembers, isClassInstance, isDatalessClass, toJsonResult } from "./object.js";

export function unionSchema(
  b: SchemaBuilder,
  types: readonly TS.Type[],
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const F = b.ts.TypeFlags;
  // Beside data members, two kinds of member stand for no JSON the server
  // can parse: `{ toJSON(): unknown }` (Prisma's InputJsonValue lets a caller
  // pass an object that serialises itself; kept, it would widen the whole
  // union to unknown), and a class instance with private members and no
  // toJSON, or one holding nothing but ES private fields and methods
  // (Prisma's DbNull/JsonNull sentinels in filters, declared with `private`
  // by Prisma 5 and with `#private` by Prisma 7: JSON cannot carry one, and
  // `{}` it would arrive as means something else). The other members
  // describe what arrives. Alone, they are reported.
  const opaque = (member: TS.Type) => {
    const json = toJsonResult(b, member);
    return json ? ((json.result?.flags ?? 0) & (F.Any | F.Unknown)) !== 0 : hasPrivateMembers(b, member) || isDatalessClass(b, member);
  };
  // Prisma's Decimal and BigInt filters, `Decimal | DecimalJsLike | number |
  // string` and `bigint | number`: a member whose toJSON another member admits
  // (the Decimal, sent as its string) adds nothing to what arrives; a bigint
  // or an interface with methods (the DecimalJsLike) is no parsed JSON value,
  // so a parameter takes the others, and a result, which could not send it
  // as typed, is refused. The same for arrays of them beside arrays of the
  // others (`Decimal[] | string[]`).
  const elements = new Map(types.map((member) => [member, arrayElement(b, member)]));
  const covered = (member: TS.Type) => {
    const element = elements.get(member);
    const inner = element ?? member;
    // A Date is a date (wire.date() gives the function a Date), not the string its toJSON makes.
    const json = isStandardLibrary(b, inner) ? undefined : toJsonResult(b, inner)?.result;
    const others = types.filter((other) => other !== member).map((other) => (element ? elements.get(other) : other));
    return json !== undefined && others.some((other) => other !== undefined && b.checker.isTypeAssignableTo(json, other));
  };
  const unsent = (member: TS.Type) => unsendable(b, elements.get(member) ?? member);
  const members = types.filter((member) => !opaque(member) && !covered(member) && !unsent(member));
  if (members.length === 0) return makeUnion(types.map((member) => analyse(member, walk)));
  for (const member of types.filter((m) => unsent(m) && !opaque(m))) {
    const inner = elements.get(member) ?? member;
    const why = inner.flags & F.BigIntLike ? "a bigint cannot be represented in JSON" : `\`${b.checker.typeToString(inner)}\` has methods: a result would send only its data, which its type does not describe`;
    positionProblem(walk, "result", why);
  }
  return makeUnion(members.map((member) => analyse(member, walk)));
}

/**
 * A bigint, or an object type with a required method that is neither a
 * class, nor the standard library's (a Date, an array), nor an array by
 * another name or a tuple, nor `{ toJSON() }`: no parsed JSON value is one.
 */
function unsendable(b: SchemaBuilder, type: TS.Type): boolean {
  if (type.flags & b.ts.TypeFlags.BigIntLike) return true;
  if (!(type.flags & b.ts.TypeFlags.Object) || isClassInstance(b, type) || toJsonResult(b, type)) return false;
  if (arrayElement(b, type) || b.checker.isTupleType(type)) return false;
  if (isStandardLibrary(b, type)) return false;
  const S = b.ts.SymbolFlags;
  return b.checker.getPropertiesOfType(type).some((p) => p.flags & S.Method && !(p.flags & S.Optional));
}

/** Splits `T | undefined` into `T` and a flag: an absent value, for an optional slot. */
export function withoutUndefined(schema: Schema): { schema: Schema; undefinedAllowed: boolean } {
  if (schema.kind === "void") return { schema, undefinedAllowed: true };
  if (schema.kind !== "union" || !schema.members.some((m) => m.kind === "void")) {
    return { schema, undefinedAllowed: false };
  }
  return { schema: makeUnion(schema.members.filter((m) => m.kind !== "void")), undefinedAllowed: true };
}

function isStandardLibrary(b: SchemaBuilder, type: TS.Type): boolean {
  const declaration = type.getSymbol()?.declarations?.[0];
  return declaration !== undefined && b.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
}
