// Schema → zod 4 source (as a doc), in two modes. "json": what a /call/ body
// holds. "query": strings from a URL, read as their declared types through
// the `wire` helpers of mizan/server (z.stringbool for booleans, never
// z.coerce.boolean).
import { holdsNull, holdsUndefined, optionalTailFrom } from "../compiler/ir/as-received.js";
import { assertNever, children } from "../compiler/ir/schema-walk.js";
import type { Property, Schema, SchemaValue, StringPattern } from "../compiler/ir/types.js";
import { array, call, object, type Doc } from "./doc.js";
import { valueKey } from "./ts-type.js";

export type ZodMode = "json" | "query";

export interface ZodOptions {
  mode: ZodMode;
  /** json: the const a named type is bound to. */
  ref: (name: string) => string;
  /** query: a named type's schema, inlined. */
  resolve: (name: string) => Schema;
  /** How routes.ts names an app's schema value it imports (`Filters.shape.page`). */
  validator: (value: SchemaValue) => string;
  /** Objects reject unknown keys unless this is false (view-path args accept extra query keys). */
  strict?: boolean;
  /** json: the named types bound to a `z.lazy` typed `z.ZodType<…>` (recursive), which zod's types lose the discriminator of. */
  recursive?: ReadonlySet<string>;
}

export function zodDoc(schema: Schema, options: ZodOptions): Doc {
  return options.mode === "json" ? json(schema, options) : query(schema, options);
}

export function optionalZod(doc: Doc, optional: boolean): Doc {
  return optional ? [doc, ".optional()"] : doc;
}

/** `z.strictObject({ name: schema, ... })` over named entries. */
export function zodObject(entries: readonly [name: string, schema: Doc][], strict: boolean): Doc {
  return call(strict ? "z.strictObject" : "z.object", [object(entries.map(([n, s]) => [valueKey(n), ": ", s]))], true);
}

function json(schema: Schema, o: ZodOptions): Doc {
  const z = (s: Schema) => json(s, o);
  switch (schema.kind) {
    case "string":
      return stringZod(schema.pattern);
    case "number":
    case "boolean":
    case "null":
    case "unknown":
      return `z.${schema.kind}()`;
    case "void":
      return "z.undefined()";
    case "response":
      return "z.never()";
    case "literal":
      return `z.literal(${JSON.stringify(schema.value)})`;
    case "date":
      return "wire.date()";
    case "array":
      return readonly(call("z.array", [element(schema.element, o)]), schema.readonly);
    case "tuple": {
      const elements = array(schema.elements.map((e) => (e.optional ? [element(e.schema, o), ".exactOptional()"] : element(e.schema, o))));
      const tuple = call("z.tuple", schema.rest ? [elements, element(schema.rest, o)] : [elements], !schema.rest);
      // Trailing nulls where optional elements hold none: the undefined JSON wrote for them (wire.optionalTail).
      const from = optionalTailFrom(schema, o.resolve);
      return readonly(from < schema.elements.length ? call("wire.optionalTail", [tuple, String(from)]) : tuple, schema.readonly);
    }
    case "object": {
      const entries = schema.properties.map((p): [string, Doc] => [p.name, propertyZod(p, z, o)]);
      if (schema.additional && entries.length === 0) return call("z.record", [stringZod(schema.keys), z(schema.additional)]);
      if (schema.additional) return [zodObject(entries, false), call(".catchall", [z(schema.additional)])];
      return zodObject(entries, o.strict !== false);
    }
    case "union": {
      const others = schema.members.filter((m) => m.kind !== "null");
      if (others.length === 1) return [z(others[0]!), ".nullable()"];
      const key = discriminator(others, o.resolve);
      if (key !== undefined) {
        const tagged = ["z.discriminatedUnion(", JSON.stringify(key), ", ", array(others.map((m) => discriminable(m, o, z))), ")"];
        return others.length < schema.members.length ? [tagged, ".nullable()"] : tagged;
      }
      return enumZod(schema.members) ?? literalsZod(schema.members) ?? call("z.union", [array(schema.members.map(z))], true);
    }
    case "ref":
      return o.ref(schema.name);
    case "masked":
      // The shape's strict object already refuses the absent keys.
      return z(schema.shape);
    case "validated":
      return call("wire.standard", [o.validator(schema.by), z(schema.input)]);
    default:
      return assertNever(schema);
  }
}

/**
 * An array's or a tuple's element. JSON writes an undefined element as null,
 * so where the element's type holds undefined and not null, a null is read
 * as the undefined the client had. (Not for an optional tuple element whose
 * type does not hold undefined: the server's code, under
 * exactOptionalPropertyTypes, may not be handed one; a null at the tuple's
 * end there is read as an absent element, wire.optionalTail.)
 */
function element(schema: Schema, o: ZodOptions): Doc {
  const doc = json(schema, o);
  return holdsUndefined(schema, o.resolve) && !holdsNull(schema, o.resolve) ? [doc, ".or(z.null().transform(() => undefined))"] : doc;
}

/**
 * A discriminated union's member. A recursive named type's const is typed
 * `z.ZodType<T>`, which zod's discriminatedUnion does not take (its
 * discriminator's values are not in that type): it is cast to what it is,
 * a z.lazy handing on its object's values (`propValues`).
 */
function discriminable(member: Schema, o: ZodOptions, z: (s: Schema) => Doc): Doc {
  const shape = member.kind === "masked" ? member.shape : member;
  if (shape.kind !== "ref" || !o.recursive?.has(shape.name)) return z(member);
  const name = o.ref(shape.name);
  return [name, ` as typeof ${name} & z.core.$ZodTypeDiscriminable`];
}

/**
 * The key that tells a union's objects apart: required in every member, a
 * literal (or literals) in each, no value in two. zod then reports the
 * issues of the member the value names (`member.radius: expected number`),
 * where a plain union says only "Invalid input".
 */
function discriminator(members: readonly Schema[], resolve: (name: string) => Schema): string | undefined {
  const objects: Extract<Schema, { kind: "object" }>[] = [];
  for (const member of members) {
    const shape = member.kind === "ref" ? resolve(member.name) : member.kind === "masked" ? member.shape : member;
    const object = shape.kind === "ref" ? resolve(shape.name) : shape;
    if (object.kind !== "object" || object.additional) return undefined;
    objects.push(object);
  }
  const values = (object: (typeof objects)[number], key: string): unknown[] | undefined => {
    const property = object.properties.find((p) => p.name === key && !p.optional);
    const schema = property?.schema;
    if (schema?.kind === "literal") return [schema.value];
    if (schema?.kind === "union" && schema.members.every((m) => m.kind === "literal")) return schema.members.map((m) => (m as { value: unknown }).value);
    return undefined;
  };
  for (const { name } of objects[0]?.properties ?? []) {
    const seen = new Set<unknown>();
    const disjoint = objects.every((object) => {
      const own = values(object, name);
      return own !== undefined && own.every((v) => !seen.has(v) && seen.add(v));
    });
    if (disjoint) return name;
  }
  return undefined;
}

/**
 * A property as the wire has it. What JSON sends is parsed, so a key that
 * is present never holds undefined: `x?: T` is `.exactOptional()` (the output
 * type is `x?: T`, which fits exactOptionalPropertyTypes), and a required
 * `x: T | undefined` (or `x: unknown`) arrives as an absent key, accepted
 * and typed as the required key it is (its value reads as undefined).
 */
function propertyZod(p: Property, z: (s: Schema) => Doc, o: ZodOptions): Doc {
  if (p.optional) return [z(p.schema), ".exactOptional()"];
  // `x: unknown` admits undefined like `x: T | undefined`.
  if (p.schema.kind === "unknown") return "z.unknown().optional().transform((v) => v)";
  // Written out (`T | undefined`) or through a named type (`x: Maybe<T>`).
  if (!holdsUndefined(p.schema, o.resolve)) return z(p.schema);
  const defined = definedPart(p.schema);
  return [defined === null ? "z.undefined()" : z(defined), ".optional().transform((v) => v)"];
}

/** The schema without its undefined (`void`) member; null when nothing else is left; the schema itself when it has none. */
function definedPart(schema: Schema): Schema | null {
  if (schema.kind === "void") return null;
  if (schema.kind !== "union" || !schema.members.some((m) => m.kind === "void")) return schema;
  const rest = schema.members.filter((m) => m.kind !== "void");
  return rest.length === 1 ? rest[0]! : { kind: "union", members: rest };
}

function query(schema: Schema, o: ZodOptions): Doc {
  const q = (s: Schema) => query(s, o);
  switch (schema.kind) {
    case "string":
      return stringZod(schema.pattern);
    case "number":
      return "wire.queryNumber()";
    case "boolean":
      return "wire.queryBoolean()";
    case "literal":
      if (typeof schema.value === "string") return `z.literal(${JSON.stringify(schema.value)})`;
      return `${typeof schema.value === "number" ? "wire.queryNumber()" : "wire.queryBoolean()"}.pipe(z.literal(${schema.value}))`;
    case "array":
      return readonly(call("wire.queryArray", [q(schema.element)]), schema.readonly);
    case "union": {
      if (schema.members.every((m) => m.kind === "literal" && typeof m.value === "number")) {
        return ["wire.queryNumber()", call(".pipe", [literalsZod(schema.members)!])];
      }
      // Typed readings first: "5" is the number 5 when the union also admits a number.
      const members = [...schema.members].sort((a, b) => Number(takesAnyString(a)) - Number(takesAnyString(b)));
      return enumZod(schema.members) ?? call("z.union", [array(members.map(q))], true);
    }
    case "ref":
      return q(o.resolve(schema.name));
    case "validated":
      return call("wire.standard", [o.validator(schema.by), q(schema.input)]);
    case "null":
    case "unknown":
    case "void":
    case "date":
    case "tuple":
    case "object":
    case "masked":
    case "response":
      // Validation lets only URL-safe scalars and arrays of them reach here.
      throw new Error(`a ${schema.kind} cannot be read from a query string`);
    default:
      return assertNever(schema);
  }
}

/**
 * Whether `zodDoc` prints a `wire` helper for the schema (so routes.ts
 * imports it): a Date in a body; in a query, every reading but a string's.
 * In a body a named type is its own const, which says for itself.
 */
export function zodUsesWire(schema: Schema, o: ZodOptions): boolean {
  if (o.mode === "json") {
    if (schema.kind === "tuple" && optionalTailFrom(schema, o.resolve) < schema.elements.length) return true;
    return schema.kind === "date" || schema.kind === "validated" || (schema.kind !== "ref" && children(schema).some((c) => zodUsesWire(c, o)));
  }
  switch (schema.kind) {
    case "string":
      return false;
    case "literal":
      return typeof schema.value !== "string";
    case "ref":
      return zodUsesWire(o.resolve(schema.name), o);
    case "union":
      return schema.members.some((m) => zodUsesWire(m, o));
    default:
      return true;
  }
}

/**
 * A string, matched whole against a template literal's pattern when it has
 * one. The check aborts, so a large body's parse stops at the first string
 * that does not match (errors.ts, ALL_ISSUES_MAX_BYTES) instead of making
 * an issue of each. Its message names the type as declared: zod's own
 * would spell out the regular expression, in every issue.
 */
function stringZod(pattern: StringPattern | undefined): string {
  if (pattern === undefined) return "z.string()";
  // A template literal's text has its backticks already; a number key's does not.
  const form = pattern.form.startsWith("`") ? pattern.form : `\`${pattern.form}\``;
  const error = JSON.stringify(`Invalid string: must match ${form}`);
  return `z.string().regex(/^(?:${pattern.regex})$/, { abort: true, error: ${error} })`;
}

/** `.readonly()`: the output type is readonly like the declared one (and zod freezes the value). */
function readonly(doc: Doc, isReadonly: true | undefined): Doc {
  return isReadonly ? [doc, ".readonly()"] : doc;
}

function takesAnyString(schema: Schema): boolean {
  return schema.kind === "string" || (schema.kind === "literal" && typeof schema.value === "string");
}

/** A union of string literals is a z.enum. */
function enumZod(members: readonly Schema[]): Doc | undefined {
  if (!members.every((m) => m.kind === "literal" && typeof m.value === "string")) return undefined;
  return call("z.enum", [array(members.map((m) => JSON.stringify((m as { value: string }).value)))], true);
}

/** A union of literals is one z.literal of them all. */
function literalsZod(members: readonly Schema[]): Doc | undefined {
  if (!members.every((m) => m.kind === "literal")) return undefined;
  return call("z.literal", [array(members.map((m) => JSON.stringify((m as { value: unknown }).value)))], true);
}
