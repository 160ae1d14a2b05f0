// Intersections the checker leaves as such, that have a simpler wire form
// than the object of all their members' properties (object.ts):
// - a branded primitive (`string & { __brand: "Id" }`) is its primitive, and
//   a branded Date (Sequelize's `CreationOptional<Date>`) a date: JSON sends
//   nothing else of either;
// - `Without<A, B> & B`, each side of Prisma's `XOR<A, B>`, is B with A's
//   own keys absent (a masked schema): the wire is B's, whose strict object
//   already refuses them, and B keeps its name, so the union is not two
//   copies of their properties.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import { nominal, type SchemaBuilder, type Walk } from "./builder.js";
import { isLibraryDate } from "./builtin.js";

export function intersectionSchema(
  b: SchemaBuilder,
  type: TS.IntersectionType,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema | undefined {
  const F = b.ts.TypeFlags;
  const primitive = type.types.find((t) => t.flags & (F.StringLike | F.NumberLike | F.BooleanLike));
  if (primitive) return nominal(walk, analyse(primitive, walk));
  if (type.types.some((t) => isLibraryDate(b, t))) return nominal(walk, { kind: "date" });
  const masked = maskedShape(b, type);
  if (masked === undefined) return undefined;
  const shape = analyse(masked.shape, walk);
  // `T & {}` (Prisma's models) masks nothing.
  return masked.absent.length === 0 ? shape : { kind: "masked", shape, absent: masked.absent };
}

/** The one member of `Mask & Shape` that is not an absence mask, and the keys the masks say are absent. */
export function maskedShape(b: SchemaBuilder, type: TS.IntersectionType): { shape: TS.Type; absent: string[] } | undefined {
  // An intersection has two members or more: one shape means the rest are masks.
  const shapes = type.types.filter((t) => !isAbsenceMask(b, t));
  if (shapes.length !== 1) return undefined;
  const shape = shapes[0]!;
  // Only a shape that refuses unknown keys refuses the masked ones.
  if (!(shape.flags & b.ts.TypeFlags.Object) || b.checker.getIndexInfosOfType(shape).length > 0) return undefined;
  const keys = new Set(b.checker.getPropertiesOfType(shape).map((p) => p.escapedName));
  const masked = type.types.filter((t) => t !== shape).flatMap((t) => b.checker.getPropertiesOfType(t));
  // A masked key the shape has too would be `never` in the intersection: no value could be sent.
  if (masked.some((p) => keys.has(p.escapedName))) return undefined;
  return { shape, absent: [...new Set(masked.map((p) => p.name))].sort() };
}

/** An object of optional keys that cannot hold a value (`{ [K in …]?: never }`, or `{}`): they must be absent. */
function isAbsenceMask(b: SchemaBuilder, type: TS.Type): boolean {
  const { checker, ts } = b;
  if (!(type.flags & ts.TypeFlags.Object) || checker.getIndexInfosOfType(type).length > 0) return false;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
  return checker.getPropertiesOfType(type).every((p) => {
    // With strictNullChecks `?: never` reads `undefined`; JSON cannot send undefined either.
    const t = checker.getTypeOfSymbol(p);
    return (p.flags & ts.SymbolFlags.Optional) !== 0 && (t.flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined)) !== 0;
  });
}
