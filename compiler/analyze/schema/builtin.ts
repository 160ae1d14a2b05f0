// Types from the standard library and platform: Date travels as an ISO
// string, a Response is passed through by a view path, and the rest of the
// library's classes (Map, Set, Promise, RegExp, typed arrays, Error and what
// extends it...) have no JSON form.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import { arrayElement } from "./array.js";
import { problem, type SchemaBuilder, type Walk } from "./builder.js";
import { toJsonResult } from "./object.js";

const NO_JSON_FORM: Record<string, string> = {
  Map: "a Map has no JSON form; use an object (Record<string, T>) or an array of pairs",
  ReadonlyMap: "a Map has no JSON form; use an object (Record<string, T>) or an array of pairs",
  WeakMap: "a WeakMap has no JSON form",
  Set: "a Set has no JSON form; use an array",
  ReadonlySet: "a Set has no JSON form; use an array",
  WeakSet: "a WeakSet has no JSON form",
  Promise: "a Promise inside a value cannot be sent; await it in the function",
  Function: "a function cannot be represented in JSON",
};

/** The standard library's Date. */
export function isLibraryDate(b: SchemaBuilder, type: TS.Type): boolean {
  const declaration = type.getSymbol()?.declarations?.[0];
  return declaration !== undefined && type.getSymbol()!.getName() === "Date" && b.isLibFile(declaration.getSourceFile());
}

/** The schema of a library type, or undefined when the type is not one. */
export function builtinSchema(b: SchemaBuilder, type: TS.Type, walk: Walk): Schema | undefined {
  // Its message and stack are not enumerable and its name is on the
  // prototype: JSON.stringify writes `{}` and what a subclass adds.
  if (isError(b, type) && !toJsonResult(b, type)) {
    const name = b.checker.typeToString(type);
    return problem(walk, `${name === "Error" ? "an Error" : `\`${name}\` is an Error, which`} has no JSON form: JSON.stringify leaves out its message, name and stack; send plain data (\`{ message: string }\`)`);
  }
  const symbol = type.getSymbol();
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration || !b.isLibFile(declaration.getSourceFile())) return undefined;
  const name = symbol.getName();
  if (name === "Date") return { kind: "date" };
  if (name === "Response") {
    return walk.resultRoot ? { kind: "response" } : problem(walk, "a Response can only be the whole result of a view path (`route:`); a call's result is sent as JSON, which has no Response");
  }
  if (name === "Array" || name === "ReadonlyArray") return undefined;
  if (NO_JSON_FORM[name]) return problem(walk, NO_JSON_FORM[name]!);
  // Plain data shapes a library declares (e.g. an options interface), arrays
  // by another name (`interface JsonArray extends Array<JsonValue>`) and
  // `{ toJSON(): T }` are data; a class is read as any class is (object.ts:
  // a Decimal is what its toJSON returns); any other interface with methods
  // describes no JSON value.
  if (!(symbol.flags & b.ts.SymbolFlags.Interface) || symbol.flags & b.ts.SymbolFlags.Class) return undefined;
  if (arrayElement(b, type) || toJsonResult(b, type)) return undefined;
  if (b.checker.getPropertiesOfType(type).some((p) => p.flags & b.ts.SymbolFlags.Method)) {
    return problem(walk, `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name} has methods and no JSON form`);
  }
  return undefined;
}

/**
 * The standard library's Error, or a type that extends it (TypeError,
 * DOMException, a project's `class HttpError extends Error`), alone or in an
 * intersection.
 */
function isError(b: SchemaBuilder, type: TS.Type): boolean {
  const { ts, checker } = b;
  if (type.isIntersection()) return type.types.some((member) => isError(b, member));
  const declaration = type.getSymbol()?.declarations?.[0];
  if (declaration && type.getSymbol()!.getName() === "Error" && b.isLibFile(declaration.getSourceFile())) return true;
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  const target = (type as TS.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as TS.TypeReference).target : type;
  if (!((target as TS.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return false;
  return checker.getBaseTypes(target as TS.InterfaceType).some((base) => isError(b, base));
}
