// Object shapes, whatever declared them (interfaces, type literals, mapped
// types such as Pick/Partial/Omit/Record, intersections, data-only classes):
// the checker's view of their properties and index signatures.
import type * as TS from "typescript";
import type { Property, Schema } from "../../ir/types.js";
import { child, problem, type SchemaBuilder, type Walk } from "./builder.js";
import { makeUnion, withoutUndefined } from "./union.js";

export function objectSchema(
  b: SchemaBuilder,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const { checker, ts } = b;
  const properties: Property[] = [];
  if (type.getSymbol() && type.getSymbol()!.flags & ts.SymbolFlags.Class) walk.notes.nominal = true;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    if (checker.getPropertiesOfType(type).length === 0) return problem(walk, "a function cannot be represented in JSON");
  }
  for (const symbol of checker.getPropertiesOfType(type)) {
    const name = symbol.getName();
    if (name.startsWith("__@") || name.startsWith("#")) continue; // symbol keys and #private: not data
    const at = child(walk, propertyPath(name));
    if (symbol.flags & ts.SymbolFlags.Method) {
      problem(at, "a method cannot be represented in JSON (class instances with methods are not data)");
      continue;
    }
    const declared = withoutUndefined(analyse(checker.getTypeOfSymbol(symbol), at));
    if (declared.schema.kind === "void") continue; // a property that is always undefined is never sent
    properties.push({
      name,
      schema: declared.schema,
      optional: declared.undefinedAllowed || (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    });
  }
  properties.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const indexTypes = checker.getIndexInfosOfType(type).map((info) => analyse(info.type, child(walk, "[string]")));
  const additional = indexTypes.length > 0 ? makeUnion(indexTypes) : null;
  return { kind: "object", properties, additional };
}

function propertyPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
