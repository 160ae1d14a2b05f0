// Unions: members analysed one by one, `true | false` folded back into
// `boolean`, nested unions flattened, duplicates dropped, members sorted by
// Mizan's own order (never the checker's).
import type * as TS from "typescript";
import { compareSchemas, schemaKey } from "../../ir/schema-key.js";
import type { Schema } from "../../ir/types.js";
import type { SchemaBuilder, Walk } from "./builder.js";
import { hasPrivateMembers, toJsonResult } from "./object.js";

export function unionSchema(
  b: SchemaBuilder,
  type: TS.UnionType,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const F = b.ts.TypeFlags;
  // Beside data members, two kinds of member stand for no JSON the server
  // can parse: `{ toJSON(): unknown }` (Prisma's InputJsonValue lets a caller
  // pass an object that serialises itself; kept, it would widen the whole
  // union to unknown), and a class instance with private members (Prisma's
  // DbNull/JsonNull sentinels in filters: JSON cannot carry one, and `{}` it
  // would arrive as means something else). The other members describe what
  // arrives. Alone, they are reported.
  const opaque = (member: TS.Type) =>
    ((toJsonResult(b, member)?.flags ?? 0) & (F.Any | F.Unknown)) !== 0 || hasPrivateMembers(b, member);
  const members = type.types.filter((member) => !opaque(member));
  return makeUnion((members.length > 0 ? members : type.types).map((member) => analyse(member, walk)));
}

export function makeUnion(members: readonly Schema[]): Schema {
  const flat = new Map<string, Schema>();
  for (const member of members.flatMap((m) => (m.kind === "union" ? m.members : [m]))) {
    flat.set(schemaKey(member), member);
  }
  const hasTrue = flat.has(schemaKey({ kind: "literal", value: true }));
  const hasFalse = flat.has(schemaKey({ kind: "literal", value: false }));
  if ((hasTrue && hasFalse) || flat.has("boolean")) {
    flat.delete(schemaKey({ kind: "literal", value: true }));
    flat.delete(schemaKey({ kind: "literal", value: false }));
    flat.set("boolean", { kind: "boolean" });
  }
  // `unknown` absorbs everything else.
  if (flat.has("unknown")) return { kind: "unknown" };
  const sorted = [...flat.values()].sort(compareSchemas);
  return sorted.length === 1 ? sorted[0]! : { kind: "union", members: sorted };
}

/** Splits `T | undefined` into `T` and a flag: an absent value, for an optional slot. */
export function withoutUndefined(schema: Schema): { schema: Schema; undefinedAllowed: boolean } {
  if (schema.kind === "void") return { schema, undefinedAllowed: true };
  if (schema.kind !== "union" || !schema.members.some((m) => m.kind === "void")) {
    return { schema, undefinedAllowed: false };
  }
  return { schema: makeUnion(schema.members.filter((m) => m.kind !== "void")), undefinedAllowed: true };
}
