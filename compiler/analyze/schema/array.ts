// Arrays (`T[]`, `readonly T[]`, `Array<T>`) and tuples, optional and rest
// elements included.
import type * as TS from "typescript";
import type { Schema, TupleElement } from "../../ir/types.js";
import { child, problem, type SchemaBuilder, type Walk } from "./builder.js";
import { withoutUndefined } from "./union.js";

export function arraySchema(
  b: SchemaBuilder,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema | undefined {
  const { checker, ts } = b;
  if (checker.isTupleType(type)) {
    const reference = type as TS.TypeReference;
    const flags = (reference.target as TS.TupleType).elementFlags;
    const args = checker.getTypeArguments(reference);
    // zod's tuple takes a rest element last only, and client.ts spells the
    // tuple from the same schema: one before the end would be checked and
    // typed reordered (`[...string[], number]` as `[number, ...string[]]`).
    const variadic = ts.ElementFlags.Rest | ts.ElementFlags.Variadic;
    const restAt = flags.findIndex((flag) => flag & variadic);
    if (restAt >= 0 && restAt < args.length - 1) {
      return problem(walk, `\`${checker.typeToString(type)}\` has a rest element before its last element, which neither the route table's check nor client.ts's type can spell (both take a rest element last); put the rest element last, or use an array`);
    }
    const elements: TupleElement[] = [];
    let rest: Schema | null = null;
    args.forEach((arg, i) => {
      const flag = flags[i] ?? ts.ElementFlags.Required;
      const schema = analyse(arg, child(walk, `[${i}]`));
      if (flag & (ts.ElementFlags.Rest | ts.ElementFlags.Variadic)) rest = schema;
      else if (flag & ts.ElementFlags.Optional) elements.push({ schema: withoutUndefined(schema).schema, optional: true });
      else elements.push({ schema, optional: false });
    });
    return (reference.target as TS.TupleType).readonly ? { kind: "tuple", elements, rest, readonly: true } : { kind: "tuple", elements, rest };
  }
  const element = arrayElement(b, type);
  if (!element) return undefined;
  const schema = analyse(element, child(walk, "[number]"));
  return isReadonlyArray(b, type) ? { kind: "array", element: schema, readonly: true } : { kind: "array", element: schema };
}

/**
 * The element type of an array: `T[]`, `readonly T[]`, and an interface or
 * class that extends one (`interface JsonArray extends Array<JsonValue> {}`,
 * as JSON types declare a recursive array). Undefined for anything else.
 */
export function arrayElement(b: SchemaBuilder, type: TS.Type): TS.Type | undefined {
  const { checker, ts } = b;
  if (checker.isArrayType(type)) return checker.getTypeArguments(type as TS.TypeReference)[0] ?? checker.getUnknownType();
  if (!(type.flags & ts.TypeFlags.Object) || !((type as TS.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) {
    return undefined;
  }
  for (const base of checker.getBaseTypes(type as TS.InterfaceType)) {
    const element = arrayElement(b, base);
    if (!element) continue;
    // Only an array with nothing added: an extra property would be lost on
    // the wire. What the array type itself has (whoever declared it: the
    // lib, or @types/node's `at` for older libs) is not extra.
    const inherited = new Set(checker.getPropertiesOfType(base).map((p) => p.escapedName));
    if (checker.getPropertiesOfType(type).every((p) => inherited.has(p.escapedName))) return element;
  }
  return undefined;
}

/** `readonly T[]`, `ReadonlyArray<T>`, or an interface extending one (and no mutable array). */
export function isReadonlyArray(b: SchemaBuilder, type: TS.Type): boolean {
  const { checker, ts } = b;
  if (checker.isArrayType(type)) return type.getSymbol()?.getName() === "ReadonlyArray";
  if (!((type as TS.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
  return checker.getBaseTypes(type as TS.InterfaceType).every((base) => !arrayElement(b, base) || isReadonlyArray(b, base));
}
