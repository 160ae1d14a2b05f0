// A result as it arrives: JSON writes an undefined result, array element or
// tuple element as null, and leaves a property holding undefined out (its key
// is absent, so its undefined stays). client.ts declares what arrives; the
// naming gives a named type a twin when what arrives differs from what is sent.
import { makeUnion } from "./make-union.js";
import type { Schema } from "./types.js";

/** A named type's schema by its name. */
export type NamedSchemas = (name: string) => Schema | undefined;

const NULL: Schema = { kind: "null" };

/**
 * `schema` where an undefined arrives as null (a result, an element); the
 * same object when nothing changes. A named type holding undefined at its
 * top (`type Maybe = T | undefined`) is written out, its undefined as null.
 */
export function asReceived(schema: Schema, named: NamedSchemas, expanding: ReadonlySet<string> = new Set()): Schema {
  switch (schema.kind) {
    case "void":
      return NULL;
    case "ref": {
      const definition = named(schema.name);
      // A recursive one is written out once: further down it keeps its name.
      if (definition === undefined || expanding.has(schema.name) || !holdsUndefined(definition, named)) return schema;
      return asReceived(definition, named, new Set([...expanding, schema.name]));
    }
    case "union": {
      const members = schema.members.map((m) => asReceived(m, named, expanding));
      return same(members, schema.members) ? schema : makeUnion(members);
    }
    case "array": {
      const element = asReceived(schema.element, named, expanding);
      return element === schema.element ? schema : { ...schema, element };
    }
    case "tuple": {
      const elements = schema.elements.map((e) => {
        // An optional element given undefined (`[a, undefined]`) arrives as null too.
        const received = e.optional && !holdsNull(e.schema, named) ? makeUnion([asReceived(e.schema, named, expanding), NULL]) : asReceived(e.schema, named, expanding);
        return received === e.schema ? e : { ...e, schema: received };
      });
      const rest = schema.rest && asReceived(schema.rest, named, expanding);
      return same(elements, schema.elements) && rest === schema.rest ? schema : { ...schema, elements, rest };
    }
    case "object": {
      const properties = schema.properties.map((p) => {
        const received = inProperty(p.schema, named, expanding);
        return received === p.schema ? p : { ...p, schema: received };
      });
      return same(properties, schema.properties) ? schema : { ...schema, properties };
    }
    default:
      return schema;
  }
}

/**
 * A property's value, and a named type's own declaration (which properties
 * use): its own undefined stays, as a named type it refers to does; what it
 * holds arrives as JSON writes it.
 */
export function inProperty(schema: Schema, named: NamedSchemas, expanding: ReadonlySet<string> = new Set()): Schema {
  const keep = (s: Schema) => s.kind === "void" || s.kind === "ref";
  if (schema.kind !== "union") return keep(schema) ? schema : asReceived(schema, named, expanding);
  const members = schema.members.map((m) => (keep(m) ? m : asReceived(m, named, expanding)));
  return same(members, schema.members) ? schema : makeUnion(members);
}

/** Whether undefined is one of the values at `schema`'s top, through the named types there. */
export function holdsUndefined(schema: Schema, named: NamedSchemas): boolean {
  return holdsAtTop(schema, "void", named, new Set());
}

/** Whether null is one of the values at `schema`'s top, through the named types there. */
export function holdsNull(schema: Schema, named: NamedSchemas): boolean {
  return holdsAtTop(schema, "null", named, new Set());
}

function holdsAtTop(schema: Schema, kind: "void" | "null", named: NamedSchemas, seen: Set<string>): boolean {
  if (schema.kind === kind) return true;
  if (schema.kind === "union") return schema.members.some((m) => holdsAtTop(m, kind, named, seen));
  if (schema.kind !== "ref" || seen.has(schema.name)) return false;
  seen.add(schema.name);
  const definition = named(schema.name);
  return definition !== undefined && holdsAtTop(definition, kind, named, seen);
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.every((x, i) => x === b[i]);
}

/**
 * Where a tuple's trailing nulls may be read as absent elements: the index
 * of the first of its last elements that are optional and hold no null
 * (JSON writes `[1, undefined]` as `[1,null]`). Its length when there are
 * none, or when it has a rest element.
 */
export function optionalTailFrom(schema: Extract<Schema, { kind: "tuple" }>, named: NamedSchemas): number {
  if (schema.rest) return schema.elements.length;
  let from = schema.elements.length;
  while (from > 0 && schema.elements[from - 1]!.optional && !holdsNull(schema.elements[from - 1]!.schema, named)) from--;
  return from;
}
