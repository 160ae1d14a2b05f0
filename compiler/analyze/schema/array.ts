// Arrays (`T[]`, `readonly T[]`, `Array<T>`) and tuples, optional and rest
// elements included.
import type * as TS from "typescript";
import type { Schema, TupleElement } from "../../ir/types.js";
import { child, type SchemaBuilder, type Walk } from "./builder.js";
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
    const elements: TupleElement[] = [];
    let rest: Schema | null = null;
    args.forEach((arg, i) => {
      const flag = flags[i] ?? ts.ElementFlags.Required;
      const schema = analyse(arg, child(walk, `[${i}]`));
      if (flag & (ts.ElementFlags.Rest | ts.ElementFlags.Variadic)) rest = schema;
      else if (flag & ts.ElementFlags.Optional) elements.push({ schema: withoutUndefined(schema).schema, optional: true });
      else elements.push({ schema, optional: false });
    });
    return { kind: "tuple", elements, rest };
  }
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as TS.TypeReference);
    return { kind: "array", element: element ? analyse(element, child(walk, "[number]")) : { kind: "unknown" } };
  }
  return undefined;
}
