// IR → the result shapes of routes.ts (ResultShape in
// runtime/protocol/canonical-json.ts): what of a function's value the server
// writes. Only keys the declared type has are sent. A union's members are
// told apart where the value can say which it is: an array from an object,
// and objects by a key whose literal values no two members share (`kind:
// "user" | "admin"`). Where it cannot, the shape admits more, never less: a
// union of objects takes every member's keys. A declared key is never left
// out.
import { assertNever } from "../compiler/ir/schema-walk.js";
import type { NamedType, Schema } from "../compiler/ir/types.js";
import { array, object, type Doc } from "./doc.js";
import { member, valueKey } from "./ts-type.js";

/** "scalar": nothing to leave out; "any": written whole; a ref: a named type's shape. */
type Shape = "scalar" | "any" | { ref: string } | Structure;

interface Structure {
  keys?: Map<string, Shape>;
  rest?: Shape;
  /** An array's elements, or a tuple's rest element. */
  items?: Shape;
  /** A tuple's elements by position. */
  elements?: Shape[];
  /** A union of objects told apart by `key`'s literal value (by its String()): each member's shape. */
  by?: { key: string; cases: Map<string, Shape> };
}

/**
 * `scalars`: the named types that are scalars (an enum, a brand, a literal
 * union). `schemaOf`: the named types' schemas, so that a union's members
 * can be looked into (absent while the scalars are worked out).
 */
interface Named {
  scalars: ReadonlySet<string>;
  schemaOf?: (name: string) => Schema | undefined;
  /** The named types whose structure is being followed. */
  following: Set<string>;
}

export function shapeOf(schema: Schema, named: Named): Shape {
  const inner = (s: Schema) => shapeOf(s, named);
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "void":
    case "literal":
    case "date":
      return "scalar";
    case "unknown":
    case "response":
      return "any";
    case "array":
      return { items: inner(schema.element) };
    case "tuple":
      return { elements: schema.elements.map((e) => inner(e.schema)), ...(schema.rest ? { items: inner(schema.rest) } : {}) };
    case "object": {
      const keys = new Map(schema.properties.map((p) => [p.name, inner(p.schema)] as const));
      return schema.additional ? { keys, rest: inner(schema.additional) } : { keys };
    }
    case "union": {
      const merged = merge(schema.members.map(inner), named);
      const tagged = named.schemaOf && discriminant(schema.members, named.schemaOf);
      if (tagged === undefined || typeof merged !== "object" || "ref" in merged) return merged;
      return { ...merged, by: { key: tagged.key, cases: new Map([...tagged.cases].map(([value, m]) => [value, inner(m)])) } };
    }
    case "ref":
      return named.scalars.has(schema.name) ? "scalar" : { ref: schema.name };
    case "masked":
      return inner(schema.shape);
    case "validated":
      return inner(schema.output);
    default:
      return assertNever(schema);
  }
}

function merge(shapes: readonly Shape[], named: Named): Shape {
  return shapes.reduce<Shape>((a, b) => mergeTwo(a, b, named), "scalar");
}

function mergeTwo(a: Shape, b: Shape, named: Named): Shape {
  if (a === "scalar") return b;
  if (b === "scalar") return a;
  if (a === "any" || b === "any") return "any";
  if ("ref" in a && "ref" in b && a.ref === b.ref) return a;
  // A named type beside something else (`Safe | Safe[]`, `User | Admin`): merged by its structure.
  if ("ref" in a || "ref" in b) {
    const x = structureOf(a, named);
    const y = structureOf(b, named);
    return x === undefined || y === undefined ? "any" : mergeTwo(x, y, named);
  }
  const keys = a.keys && b.keys ? new Map(a.keys) : (a.keys ?? b.keys);
  if (a.keys && b.keys) for (const [key, shape] of b.keys) keys!.set(key, keys!.has(key) ? mergeTwo(keys!.get(key)!, shape, named) : shape);
  const rest = a.rest && b.rest ? mergeTwo(a.rest, b.rest, named) : (a.rest ?? b.rest);
  const items = a.items && b.items ? mergeTwo(a.items, b.items, named) : (a.items ?? b.items);
  const elements = mergeElements(a, b, named);
  // Members told apart by a key stay so only beside what is no object (an array, a scalar).
  const by = a.keys || a.rest ? (b.keys || b.rest ? undefined : a.by) : b.by;
  return { ...(keys ? { keys } : {}), ...(rest ? { rest } : {}), ...(items ? { items } : {}), ...(elements ? { elements } : {}), ...(by ? { by } : {}) };
}

/**
 * Tuples (and arrays) in one union, position by position: a position one
 * side lacks takes the other's rest or array element, or stands alone when
 * the other has neither (a shorter tuple: no value there to leave keys out of).
 */
function mergeElements(a: Structure, b: Structure, named: Named): Shape[] | undefined {
  if (!a.elements && !b.elements) return undefined;
  const length = Math.max(a.elements?.length ?? 0, b.elements?.length ?? 0);
  const at = (s: Structure, i: number): Shape | undefined => s.elements?.[i] ?? s.items;
  return Array.from({ length }, (_, i) => {
    const x = at(a, i);
    const y = at(b, i);
    return x && y ? mergeTwo(x, y, named) : (x ?? y)!;
  });
}

/**
 * A shape with its refs followed to a structure (a scalar stays one);
 * undefined when that cannot be known, or when following them comes back
 * to a type being followed already (`type T = { a: T } | T[]` beside another member).
 */
function structureOf(shape: Shape, named: Named): Shape | undefined {
  if (shape === "scalar" || shape === "any" || !("ref" in shape)) return shape;
  const name = shape.ref;
  const schema = named.following.has(name) ? undefined : named.schemaOf?.(name);
  if (schema === undefined) return undefined;
  named.following.add(name);
  try {
    return structureOf(shapeOf(schema, named), named);
  } finally {
    named.following.delete(name);
  }
}

/**
 * A key that tells a union's object members apart: every one declares it,
 * required, with literal values (one, or a union of them) that no two
 * members share. Each value names its member. Other members (arrays,
 * scalars, null) are told apart by the value's own kind.
 */
function discriminant(members: readonly Schema[], schemaOf: (name: string) => Schema | undefined): { key: string; cases: Map<string, Schema> } | undefined {
  const objects: [member: Schema, object: Extract<Schema, { kind: "object" }>][] = [];
  for (const m of members) {
    const object = objectOf(m, schemaOf);
    if (object !== undefined) objects.push([m, object]);
    else if (m.kind === "ref" || m.kind === "masked" || m.kind === "validated") return undefined;
  }
  if (objects.length < 2) return undefined;
  for (const candidate of objects[0]![1].properties) {
    const cases = new Map<string, Schema>();
    const tells = objects.every(([m, object]) => {
      const property = object.properties.find((p) => p.name === candidate.name);
      const values = property && !property.optional ? literalValues(property.schema, schemaOf) : undefined;
      if (values === undefined) return false;
      for (const value of values) {
        if (cases.has(value)) return false;
        cases.set(value, m);
      }
      return true;
    });
    if (tells) return { key: candidate.name, cases };
  }
  return undefined;
}

/** The object a member is (through named types), or undefined. */
function objectOf(schema: Schema, schemaOf: (name: string) => Schema | undefined): Extract<Schema, { kind: "object" }> | undefined {
  const target = dereferenced(schema, schemaOf);
  return target?.kind === "object" ? target : undefined;
}

/** The String() of each literal a schema admits, when it admits literals only. */
function literalValues(schema: Schema, schemaOf: (name: string) => Schema | undefined, seen = new Set<string>()): string[] | undefined {
  const target = dereferenced(schema, schemaOf, seen);
  if (target?.kind === "literal") return [String(target.value)];
  if (target?.kind !== "union") return undefined;
  const all: string[] = [];
  for (const m of target.members) {
    const values = literalValues(m, schemaOf, seen);
    if (values === undefined) return undefined;
    all.push(...values);
  }
  return all;
}

/** A schema with its named types followed to what they are; undefined for a name not known or one `seen` already. */
function dereferenced(schema: Schema, schemaOf: (name: string) => Schema | undefined, seen = new Set<string>()): Schema | undefined {
  let at: Schema | undefined = schema;
  while (at?.kind === "ref") {
    if (seen.has(at.name)) return undefined;
    seen.add(at.name);
    at = schemaOf(at.name);
  }
  return at;
}

/** The names a shape refers to. */
export function shapeRefs(shape: Shape, into: Set<string>): void {
  if (shape === "scalar" || shape === "any") return;
  if ("ref" in shape) {
    into.add(shape.ref);
    return;
  }
  for (const inner of inners(shape)) if (inner) shapeRefs(inner, into);
}

/**
 * The results' shapes, and those of the named types they reach (the
 * `results` table of routes.ts). Inside the table a named type is a
 * function returning its entry, so that an entry may refer to itself.
 */
export class ResultShapes {
  readonly #scalars = new Set<string>();
  readonly #named = new Map<string, Shape>();
  readonly #types: Map<string, Schema>;
  readonly #context: Named;

  constructor(types: readonly NamedType[]) {
    // Scalar named types, to a fixed point (an alias of an enum is one too).
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of types) {
        if (!this.#scalars.has(t.name) && shapeOf(t.schema, { scalars: this.#scalars, following: new Set() }) === "scalar") grew = Boolean(this.#scalars.add(t.name));
      }
    }
    const schemas = new Map(types.map((t) => [t.name, t.schema]));
    this.#types = schemas;
    this.#context = { scalars: this.#scalars, schemaOf: (name) => schemas.get(name), following: new Set() };
  }

  /** A function's `result`, or undefined when it leaves nothing out. */
  result(schema: Schema): Doc | undefined {
    const shape = shapeOf(schema, this.#context);
    if (shape === "scalar" || shape === "any") return undefined;
    const pending = new Set<string>();
    shapeRefs(shape, pending);
    for (const name of pending) {
      if (this.#named.has(name)) continue;
      const named = shapeOf(this.#types.get(name)!, this.#context);
      this.#named.set(name, named);
      shapeRefs(named, pending);
    }
    return this.#leavesOut(shape) ? this.#doc(shape, true) : undefined;
  }

  /** The named types the printed results refer to, in name order. Call after every `result`. */
  entries(): [name: string, shape: Doc][] {
    const names = [...this.#named.keys()].filter((name) => this.#resolve(name) === name && this.#leavesOut({ ref: name })).sort();
    return names.map((name) => [name, this.#doc(this.#named.get(name)!)]);
  }

  /** The named type whose structure `name` has (itself, or the one it is an alias of); undefined when written whole. */
  #resolve(name: string, seen = new Set<string>()): string | undefined {
    const shape = this.#named.get(name)!;
    if (shape === "scalar" || shape === "any" || seen.has(name)) return undefined;
    if (!("ref" in shape)) return name;
    seen.add(name);
    return this.#resolve(shape.ref, seen);
  }

  /** Whether a value could hold a key or a position the shape leaves out (an object type without an index signature, a tuple without a rest element, anywhere inside). */
  #leavesOut(shape: Shape, seen = new Set<string>()): boolean {
    if (shape === "scalar" || shape === "any") return false;
    if ("ref" in shape) {
      const target = this.#resolve(shape.ref);
      if (target === undefined || seen.has(target)) return false;
      seen.add(target);
      return this.#leavesOut(this.#named.get(target)!, seen);
    }
    if ((shape.keys && !shape.rest) || (shape.elements && !shape.items)) return true;
    return inners(shape).some((inner) => inner !== undefined && this.#leavesOut(inner, seen));
  }

  /** `direct`: in a function's result, which the table precedes; in the table, an entry is reached through a function. */
  #doc(shape: Shape, direct = false): Doc {
    if (!this.#leavesOut(shape) || shape === "scalar" || shape === "any") return "null";
    if ("ref" in shape) return `${direct ? "" : "() => "}${member("results", this.#resolve(shape.ref)!)}`;
    const fields: Doc[] = [];
    // With an index signature and no declared key, `keys` says nothing.
    if (shape.keys && (shape.keys.size > 0 || !shape.rest)) {
      fields.push(["keys: ", object(sorted(shape.keys).map(([key, inner]) => [valueKey(key), ": ", this.#doc(inner, direct)]))]);
    }
    if (shape.rest) fields.push(["rest: ", this.#doc(shape.rest, direct)]);
    if (shape.items) fields.push(["items: ", this.#doc(shape.items, direct)]);
    if (shape.elements) fields.push(["elements: ", array(shape.elements.map((inner) => this.#doc(inner, direct)))]);
    if (shape.by) {
      const cases = object(sorted(shape.by.cases).map(([value, inner]) => [valueKey(value), ": ", this.#doc(inner, direct)]));
      fields.push(["by: ", object([["key: ", JSON.stringify(shape.by.key)], ["cases: ", cases]])]);
    }
    return object(fields);
  }
}

/** The shapes a structure holds. */
function inners(shape: Structure): (Shape | undefined)[] {
  return [...(shape.keys?.values() ?? []), shape.rest, shape.items, ...(shape.elements ?? []), ...(shape.by?.cases.values() ?? [])];
}

/** A map's entries in key order (merged members' keys come in member order). */
function sorted<T>(map: ReadonlyMap<string, T>): [string, T][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
