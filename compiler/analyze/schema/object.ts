// Object shapes, whatever declared them (interfaces, type literals, mapped
// types such as Pick/Partial/Omit/Record, intersections, data-only classes):
// the checker's view of their properties and index signatures.
import type * as TS from "typescript";
import type { Property, Schema } from "../../ir/types.js";
import { child, problem, type SchemaBuilder, type Walk } from "./builder.js";
import { nonNullish } from "./primitive.js";
import { keyPattern } from "./template.js";
import { makeUnion, withoutUndefined } from "./union.js";

export function objectSchema(
  b: SchemaBuilder,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const { checker, ts } = b;
  const properties: Property[] = [];
  const toJson = toJsonResult(b, type);
  if (toJson) return analyse(toJson, walk);
  const symbol = type.getSymbol();
  if (symbol && symbol.flags & ts.SymbolFlags.Class) {
    walk.notes.nominal = true;
    // A class with private members (a sentinel such as Prisma.JsonNull) is nominal: no JSON value is one.
    if (hasPrivateMembers(b, type)) return problem(walk, `a class with private members (\`${symbol.getName()}\`) cannot be rebuilt from JSON; use a plain data type`);
  }
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    if (checker.getPropertiesOfType(type).length === 0) return problem(walk, "a function cannot be represented in JSON");
  }
  // `{}` (or an interface with no members) admits every value but null and undefined.
  if (checker.getPropertiesOfType(type).length === 0 && checker.getIndexInfosOfType(type).length === 0) {
    if (!(symbol && symbol.flags & ts.SymbolFlags.Class)) return nonNullish();
  }
  for (const symbol of checker.getPropertiesOfType(type)) {
    const name = symbol.getName();
    if (name.startsWith("__@") || name.startsWith("#")) continue; // symbol keys and #private: not data
    const at = child(walk, propertyPath(name));
    if (symbol.flags & ts.SymbolFlags.Method) {
      problem(at, "a method cannot be represented in JSON (class instances with methods are not data)");
      continue;
    }
    // `x?: T` may be absent; `x: T | undefined` is a required key whose value
    // may be undefined, which JSON sends as an absent key: the schema keeps
    // the undefined and the route table puts the key back.
    const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
    const type = checker.getTypeOfSymbol(symbol);
    // `x?: never` must be absent. With strictNullChecks its type reads `undefined` (below); without
    // (a tspc build, stopped by MZ6003), `never`, which is no reason for more errors.
    if (optional && type.flags & ts.TypeFlags.Never) continue;
    const analysed = analyse(type, at);
    const schema = optional ? withoutUndefined(analysed).schema : analysed;
    if (optional && schema.kind === "void") continue; // a property that is always undefined is never sent
    properties.push({ name, schema, optional });
  }
  properties.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const F = ts.TypeFlags;
  const infos = checker.getIndexInfosOfType(type).filter((info) => !(info.keyType.flags & F.ESSymbolLike));
  if (infos.length === 0) return { kind: "object", properties, additional: null };
  // A string index admits every key (number keys are strings in JSON too).
  if (infos.some((info) => info.keyType.flags & F.String)) {
    const additional = makeUnion(infos.map((info) => analyse(info.type, child(walk, "[string]"))));
    return { kind: "object", properties, additional };
  }
  // Keys over numbers or a template literal: a record whose keys are checked.
  const [info] = infos;
  const keys = infos.length === 1 ? keyPattern(b, info!.keyType) : undefined;
  const keyText = infos.map((i) => checker.typeToString(i.keyType)).join(", ");
  if (keys === undefined || properties.length > 0) {
    const why = keys === undefined ? "has no exact check" : "cannot be checked beside named properties";
    return problem(walk, `the index signature over \`${keyText}\` ${why}; use a string index or a Record over a template literal alone`, "MZ2007");
  }
  return { kind: "object", properties, additional: analyse(info!.type, child(walk, `[${keyText}]`)), keys };
}

function propertyPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * `{ toJSON(): T }` and nothing else: JSON.stringify sends what toJSON
 * returns, so that is the value's wire form. Undefined for other types.
 */
export function toJsonResult(b: SchemaBuilder, type: TS.Type): TS.Type | undefined {
  const [only, ...more] = b.checker.getPropertiesOfType(type);
  if (!only || more.length > 0 || only.getName() !== "toJSON" || !(only.flags & b.ts.SymbolFlags.Method)) return undefined;
  const signature = b.checker.getTypeOfSymbol(only).getCallSignatures()[0];
  return signature && b.checker.getReturnTypeOfSignature(signature);
}

/** A class instance with private or protected members: nominal, so no parsed JSON value is one. */
export function hasPrivateMembers(b: SchemaBuilder, type: TS.Type): boolean {
  const { ts } = b;
  if (!(type.getSymbol() && type.getSymbol()!.flags & ts.SymbolFlags.Class)) return false;
  return b.checker.getPropertiesOfType(type).some((p) =>
    p.declarations?.some((d) => ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)),
  );
}
