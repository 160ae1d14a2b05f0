// IR → the result shapes of routes.ts (ResultShape in
// runtime/protocol/canonical-json.ts): what of a function's value the server
// writes. Only keys the declared type has are sent. Where one shape cannot
// say exactly what a union admits, it admits more, never less: a union of
// objects takes every member's keys, and a union of different named types
// is written whole. A declared key is never left out.
import { assertNever } from "../compiler/ir/schema-walk.js";
import type { NamedType, Schema } from "../compiler/ir/types.js";
import { object, type Doc } from "./doc.js";
import { member, valueKey } from "./ts-type.js";

/** "scalar": nothing to leave out; "any": written whole; a ref: a named type's shape. */
type Shape = "scalar" | "any" | { ref: string } | Structure;

interface Structure {
  keys?: Map<string, Shape>;
  rest?: Shape;
  items?: Shape;
}

/** The shape of a schema; `scalars` names the named types that are scalars (an enum, a brand, a literal union). */
export function shapeOf(schema: Schema, scalars: ReadonlySet<string>): Shape {
  const inner = (s: Schema) => shapeOf(s, scalars);
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
      return { items: merge([...schema.elements.map((e) => inner(e.schema)), ...(schema.rest ? [inner(schema.rest)] : [])]) };
    case "object": {
      const keys = new Map(schema.properties.map((p) => [p.name, inner(p.schema)] as const));
      return schema.additional ? { keys, rest: inner(schema.additional) } : { keys };
    }
    case "union":
      return merge(schema.members.map(inner));
    case "ref":
      return scalars.has(schema.name) ? "scalar" : { ref: schema.name };
    case "masked":
      return inner(schema.shape);
    case "validated":
      return inner(schema.output);
    default:
      return assertNever(schema);
  }
}

function merge(shapes: readonly Shape[]): Shape {
  return shapes.reduce<Shape>(mergeTwo, "scalar");
}

function mergeTwo(a: Shape, b: Shape): Shape {
  if (a === "scalar") return b;
  if (b === "scalar") return a;
  if (a === "any" || b === "any") return "any";
  if ("ref" in a || "ref" in b) return "ref" in a && "ref" in b && a.ref === b.ref ? a : "any";
  const keys = a.keys && b.keys ? new Map(a.keys) : (a.keys ?? b.keys);
  if (a.keys && b.keys) for (const [key, shape] of b.keys) keys!.set(key, keys!.has(key) ? mergeTwo(keys!.get(key)!, shape) : shape);
  const rest = a.rest && b.rest ? mergeTwo(a.rest, b.rest) : (a.rest ?? b.rest);
  const items = a.items && b.items ? mergeTwo(a.items, b.items) : (a.items ?? b.items);
  return { ...(keys ? { keys } : {}), ...(rest ? { rest } : {}), ...(items ? { items } : {}) };
}

/** The names a shape refers to. */
export function shapeRefs(shape: Shape, into: Set<string>): void {
  if (shape === "scalar" || shape === "any") return;
  if ("ref" in shape) {
    into.add(shape.ref);
    return;
  }
  for (const inner of [...(shape.keys?.values() ?? []), shape.rest, shape.items]) if (inner) shapeRefs(inner, into);
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

  constructor(types: readonly NamedType[]) {
    // Scalar named types, to a fixed point (an alias of an enum is one too).
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of types) {
        if (!this.#scalars.has(t.name) && shapeOf(t.schema, this.#scalars) === "scalar") grew = Boolean(this.#scalars.add(t.name));
      }
    }
    this.#types = new Map(types.map((t) => [t.name, t.schema]));
  }

  /** A function's `result`, or undefined when it leaves nothing out. */
  result(schema: Schema): Doc | undefined {
    const shape = shapeOf(schema, this.#scalars);
    if (shape === "scalar" || shape === "any") return undefined;
    const pending = new Set<string>();
    shapeRefs(shape, pending);
    for (const name of pending) {
      if (this.#named.has(name)) continue;
      const named = shapeOf(this.#types.get(name)!, this.#scalars);
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

  /** Whether a value could hold a key the shape leaves out (an object type without an index signature, anywhere inside). */
  #leavesOut(shape: Shape, seen = new Set<string>()): boolean {
    if (shape === "scalar" || shape === "any") return false;
    if ("ref" in shape) {
      const target = this.#resolve(shape.ref);
      if (target === undefined || seen.has(target)) return false;
      seen.add(target);
      return this.#leavesOut(this.#named.get(target)!, seen);
    }
    if (shape.keys && !shape.rest) return true;
    return [...(shape.keys?.values() ?? []), shape.rest, shape.items].some((inner) => inner !== undefined && this.#leavesOut(inner, seen));
  }

  /** `direct`: in a function's result, which the table precedes; in the table, an entry is reached through a function. */
  #doc(shape: Shape, direct = false): Doc {
    if (!this.#leavesOut(shape) || shape === "scalar" || shape === "any") return "null";
    if ("ref" in shape) return `${direct ? "" : "() => "}${member("results", this.#resolve(shape.ref)!)}`;
    const fields: Doc[] = [];
    // With an index signature and no declared key, `keys` says nothing.
    if (shape.keys && (shape.keys.size > 0 || !shape.rest)) {
      fields.push(["keys: ", object([...shape.keys].map(([key, inner]) => [valueKey(key), ": ", this.#doc(inner, direct)]))]);
    }
    if (shape.rest) fields.push(["rest: ", this.#doc(shape.rest, direct)]);
    if (shape.items) fields.push(["items: ", this.#doc(shape.items, direct)]);
    return object(fields);
  }
}
