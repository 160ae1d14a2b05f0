// Object shapes, whatever declared them (interfaces, type literals, mapped
// types such as Pick/Partial/Omit/Record, intersections, data-only classes):
// the checker's view of their properties and index signatures.
import type * as TS from "typescript";
import type { Property, Schema } from "../../ir/types.js";
import type { TypeScript } from "../../input/core-input.js";
import { annotatedType, child, isErrorType, positionProblem, problem, type SchemaBuilder, type Walk } from "./builder.js";
import { nonNullish, typeText } from "./primitive.js";
import { keyPattern } from "./template.js";
import { makeUnion } from "../../ir/make-union.js";
import { unionSchema, withoutUndefined } from "./union.js";
import { declaredOutputSchema } from "./standard-schema.js";

export function objectSchema(
  b: SchemaBuilder,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const { checker, ts } = b;
  const properties: Property[] = [];
  // A base that does not resolve leaves its members out of the checker's view: the rest would pass for the whole.
  const lostBases = unresolvedBases(b, type);
  if (lostBases.length > 0) {
    const names = lostBases.map((n) => `\`${n}\``).join(", ");
    return problem(walk, `the type does not resolve: \`${checker.typeToString(type)}\` extends ${names}, which ${lostBases.length === 1 ? "is" : "are"} not found`, "MZ2008");
  }
  const isClass = isClassInstance(b, type);
  const toJson = toJsonResult(b, type);
  if (isClass) {
    walk.notes.nominal = true;
    const refused = classRules(b, type, toJson !== undefined, walk);
    if (refused) return refused;
  }
  if (toJson) return toJsonSchema(b, type, toJson.result, isClass, walk, analyse);
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    if (checker.getPropertiesOfType(type).length === 0) return problem(walk, "a function cannot be represented in JSON");
    // JSON.stringify leaves a function out, whatever properties it carries (Prisma's `$extends` hook).
    return problem(walk, "a function with properties cannot be represented in JSON: JSON.stringify leaves it out, properties and all");
  }
  // `{}` (or an interface with no members) admits every value but null and undefined.
  if (checker.getPropertiesOfType(type).length === 0 && checker.getIndexInfosOfType(type).length === 0) {
    if (!isClass) return nonNullish();
  }
  for (const symbol of checker.getPropertiesOfType(type)) {
    const name = symbol.getName();
    if (name.startsWith("#")) continue; // #private: not data
    if (isClass && isPrototypeMember(ts, symbol)) continue;
    // JSON has string keys only: JSON.stringify leaves a symbol's key out, so
    // a result does not hold it, and a parameter never receives it, which a
    // required one says it does.
    if (isSymbolKey(symbol)) {
      if (!(symbol.flags & ts.SymbolFlags.Optional)) {
        const at = child(walk, symbolKeyText(ts, symbol));
        positionProblem(at, "parameter", "a key that is a symbol cannot be sent: JSON has string keys only, and JSON.stringify leaves it out; use a string key, or make it optional");
      }
      continue;
    }
    const at = child(walk, propertyPath(name));
    if (name === "__proto__") {
      positionProblem(at, "parameter", "a key named __proto__ cannot be sent: the server refuses it in every body, as a guard against prototype pollution; rename the key");
    }
    if (symbol.flags & ts.SymbolFlags.Method) {
      problem(at, "a method cannot be represented in JSON (an object with methods is not data)");
      continue;
    }
    // `x?: T` may be absent; `x: T | undefined` is a required key whose value
    // may be undefined, which JSON sends as an absent key: the schema keeps
    // the undefined and the route table puts the key back.
    const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
    const type = checker.getTypeOfSymbol(symbol);
    const written = annotation(ts, symbol);
    // Its annotation keeps the type's name; not for a member of an instantiated or mapped type (transient), whose annotation names type parameters.
    const named = optional && written !== undefined && !(symbol.flags & ts.SymbolFlags.Transient) ? annotatedType(b, written) : type;
    // `x?: never` must be absent. With strictNullChecks its type reads `undefined` (below); without
    // (a tspc build, stopped by MZ6003), `never`, which is no reason for more errors.
    if (optional && type.flags & ts.TypeFlags.Never) continue;
    // An optional function (a method under Partial<…>) is never sent: JSON has none, so the key stays absent.
    if (optional && onlyFunctions(b, type)) continue;
    // Under exactOptionalPropertyTypes a required key can hold the checker's "missing" type, not
    // undefined (`{ id: O["id"] } & O` of Prisma's AtLeast, with `id?: number` in O): present, a number.
    const present = !optional && type.isUnion() ? type.types.filter((t) => !isMissing(b, t)) : undefined;
    const analysed =
      declaredOutputSchema(b, written, type, at, analyse) ??
      (present && present.length < (type as TS.UnionType).types.length ? unionSchema(b, present, at, analyse) : analyse(named, at));
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
  return { kind: "object", properties, additional: analyse(info!.type, child(walk, `[${keyText}]`)), keys: { regex: keys, form: typeText(b, info!.keyType) } };
}

/** What JSON.stringify sends of a value with toJSON: what toJSON returns, whatever else the value holds. */
function toJsonSchema(
  b: SchemaBuilder,
  type: TS.Type,
  result: TS.Type | undefined,
  isClass: boolean,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  const name = b.checker.typeToString(type);
  if (!result) return problem(walk, `\`${name}\` is sent as its toJSON() returns, and every toJSON() it has is generic; return plain data (a lean query's result, or the fields to send)`);
  // `{ toJSON(): T }` alone is T on both sides; anything more (a class says so itself) is not what a parameter receives.
  const more = b.checker.getPropertiesOfType(type).some((p) => p.getName() !== "toJSON");
  if (more && !isClass) positionProblem(walk, "parameter", `\`${name}\` is sent as its toJSON() value: a parameter receives that data, not the object; type it with the data it needs`);
  return analyse(result, walk);
}

/**
 * What a class instance is on the wire. Private members refuse it (a sentinel
 * such as Prisma.JsonNull: no JSON value is one, and JSON.stringify would
 * send the fields its type hides), unless toJSON says what is sent. Methods
 * and accessors live on the prototype: a result sends the instance's data,
 * as JSON.stringify does (an ORM's entity); a parameter would get JSON data,
 * not an instance.
 */
function classRules(b: SchemaBuilder, type: TS.Type, hasToJson: boolean, walk: Walk): Schema | undefined {
  const className = type.getSymbol()!.getName();
  const hidden = hasToJson ? [] : privateMembers(b, type);
  // A library's class is not the user's to change: only a plain type helps.
  const library = (type.getSymbol()!.declarations?.[0]?.getSourceFile().fileName ?? "").includes("/node_modules/");
  if (hidden.length > 0) {
    const names = hidden.map((p) => p.getName());
    const fix = library ? "it is a library's class: use a plain data type that holds what is sent" : `use a plain data type, or ES private fields (#${names[0]})`;
    return problem(walk, `a class with private members (\`${className}\`: ${names.join(", ")}) is not data: no JSON value is an instance, and JSON.stringify would send them; ${fix}`);
  }
  const behaviour = b.checker.getPropertiesOfType(type).filter((p) => isPrototypeMember(b.ts, p)).map((p) => p.getName());
  if (behaviour.length > 0) {
    const listed = behaviour.length > 4 ? `${behaviour.slice(0, 4).join(", ")}, …` : behaviour.join(", ");
    const fix = library ? "it is a library's class: type the parameter with a plain data type that holds what is sent" : "type it with the data it needs (an interface, or a Pick of the class)";
    positionProblem(walk, "parameter", `\`${className}\` is a class with methods (${listed}): a parameter receives JSON data, not an instance; ${fix}`);
  }
  return undefined;
}

/** The type annotation of a property's declaration (the original's, under Partial or Pick). */
function annotation(ts: TypeScript, symbol: TS.Symbol): TS.TypeNode | undefined {
  for (const declaration of symbol.declarations ?? []) {
    if ((ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.type) return declaration.type;
  }
  return undefined;
}

/** A key that is a symbol (`[TAG]`, `[Symbol.iterator]`); a string key that starts with `__` is escaped with one more `_`. */
function isSymbolKey(symbol: TS.Symbol): boolean {
  return (symbol.escapedName as string).startsWith("__@");
}

/** A symbol key as declared (`[TAG]`), for a problem's path. */
function symbolKeyText(ts: TypeScript, symbol: TS.Symbol): string {
  const name = symbol.declarations?.map((d) => ts.getNameOfDeclaration(d)).find((n) => n !== undefined);
  return name && ts.isComputedPropertyName(name) ? name.getText() : "[symbol]";
}

function propertyPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * A value with a `toJSON` method is sent as what it returns (JSON.stringify
 * calls it): a Decimal's string, a Buffer's `{ type, data }`, a Mongoose
 * document's fields. `result` is what `value.toJSON()` is typed as: the
 * first signature callable without arguments, a generic one included when
 * it returns one of its type parameters, which is then what TypeScript
 * infers for a call with no inference (its default, else its constraint:
 * Sequelize's `toJSON<T extends Attributes>(): T` is the attributes).
 * Undefined when every such signature is generic otherwise; the whole
 * answer is undefined for a type without toJSON.
 */
export function toJsonResult(b: SchemaBuilder, type: TS.Type): { result: TS.Type | undefined } | undefined {
  const toJson = b.checker.getPropertyOfType(type, "toJSON");
  if (!toJson || !(toJson.flags & b.ts.SymbolFlags.Method)) return undefined;
  for (const signature of b.checker.getTypeOfSymbol(toJson).getCallSignatures()) {
    const parameters = signature.getDeclaration()?.parameters ?? [];
    if (!parameters.every((p) => b.checker.isOptionalParameter(p))) continue;
    const result = b.checker.getReturnTypeOfSignature(signature);
    const typeParameters = signature.getTypeParameters() ?? [];
    if (typeParameters.length === 0) return { result };
    if (typeParameters.includes(result as TS.TypeParameter)) {
      const parameter = result as TS.TypeParameter;
      return { result: b.checker.getDefaultFromTypeParameter(parameter) ?? parameter.getConstraint() ?? b.checker.getUnknownType() };
    }
  }
  return { result: undefined };
}

/** A class's method or accessor: on the prototype, so never an instance's own data. */
function isPrototypeMember(ts: TypeScript, symbol: TS.Symbol): boolean {
  if (symbol.flags & ts.SymbolFlags.Method) return true;
  return (symbol.flags & ts.SymbolFlags.Accessor) !== 0 && (symbol.declarations ?? []).some((d) => ts.isClassLike(d.parent));
}

/** A class instance with private or protected members: nominal, so no parsed JSON value is one. */
export function hasPrivateMembers(b: SchemaBuilder, type: TS.Type): boolean {
  return privateMembers(b, type).length > 0;
}

/**
 * A class instance that holds no data JSON could carry: ES private fields
 * (`#private`), and otherwise only private members and methods (Prisma 7's
 * DbNull/JsonNull sentinels, which Prisma 5 declared with `private`).
 */
export function isDatalessClass(b: SchemaBuilder, type: TS.Type): boolean {
  if (!isClassInstance(b, type)) return false;
  const hidden = new Set(privateMembers(b, type));
  const properties = b.checker.getPropertiesOfType(type);
  return (
    properties.some((p) => p.getName().startsWith("#")) &&
    properties.every((p) => p.getName().startsWith("#") || hidden.has(p) || isPrototypeMember(b.ts, p))
  );
}

/** The bases an interface or class names in its heritage clauses that the checker cannot resolve. */
function unresolvedBases(b: SchemaBuilder, type: TS.Type): string[] {
  const { ts, checker } = b;
  const out: string[] = [];
  for (const declaration of type.getSymbol()?.declarations ?? []) {
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
    // `implements` adds no member; only what a type extends does.
    for (const clause of declaration.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      for (const base of clause.types) if (isErrorType(checker.getTypeAtLocation(base))) out.push(base.expression.getText());
    }
  }
  return out;
}

/** An instance of a class (its type's symbol is the class). */
export function isClassInstance(b: SchemaBuilder, type: TS.Type): boolean {
  return ((type.getSymbol()?.flags ?? 0) & b.ts.SymbolFlags.Class) !== 0;
}

function privateMembers(b: SchemaBuilder, type: TS.Type): TS.Symbol[] {
  const { ts } = b;
  if (!isClassInstance(b, type)) return [];
  return b.checker.getPropertiesOfType(type).filter((p) =>
    p.declarations?.some((d) => ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)),
  );
}

/** exactOptionalPropertyTypes' marker of an absent key: an undefined that is not the undefined type. */
function isMissing(b: SchemaBuilder, type: TS.Type): boolean {
  return (type.flags & b.ts.TypeFlags.Undefined) !== 0 && type !== b.checker.getUndefinedType();
}

/** Functions and undefined only (at least one function). */
function onlyFunctions(b: SchemaBuilder, type: TS.Type): boolean {
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & b.ts.TypeFlags.Undefined));
  return members.length > 0 && members.every((t) => t.getCallSignatures().length > 0 && b.checker.getPropertiesOfType(t).length === 0);
}
