// The type analysis: a checker type in, a Schema out, one file per kind
// of type. Problems are collected with their path, never thrown.
import type * as TS from "typescript";
import type { Schema } from "../../ir/types.js";
import { arraySchema } from "./array.js";
import { emptyNotes, MAX_DEPTH, replay, TooDeep, type SchemaBuilder, type Walk } from "./builder.js";
import { builtinSchema } from "./builtin.js";
import { intersectionSchema } from "./intersection.js";
import { guardLeanLib } from "./lean-guard.js";
import { namedSchema, naming, recursiveShapeRef } from "./named.js";
import { objectSchema } from "./object.js";
import { primitiveSchema } from "./primitive.js";
import { unionSchema } from "./union.js";

export function typeToSchema(b: SchemaBuilder, type: TS.Type, walk: Walk): Schema {
  if (b.depth >= MAX_DEPTH) throw new TooDeep(b.defining.at(-1) ?? b.checker.typeToString(type).slice(0, 60));
  b.depth++;
  try {
    return analyseType(b, type, walk);
  } finally {
    b.depth--;
  }
}

function analyseType(b: SchemaBuilder, type: TS.Type, walk: Walk): Schema {
  if (b.domGlobals) guardLeanLib(b, type, b.domGlobals);
  const analyse = (t: TS.Type, w: Walk): Schema => typeToSchema(b, t, w);
  const primitive = primitiveSchema(b, type, walk);
  if (primitive) return primitive;
  const builtin = builtinSchema(b, type, walk);
  if (builtin) return builtin;
  const named = naming(b, type);
  if (named) return namedSchema(b, type, named, walk, (t, w) => structuralSchema(b, t, w, analyse));
  const shapes = b.shapes[walk.resultRoot ? 1 : 0];
  let analysed = shapes.get(type);
  if (!analysed) {
    const open = b.openShapes.get(type);
    if (open && open.defining === b.defining.length) return recursiveShapeRef(b, type, open.notes, walk);
    const notes = emptyNotes();
    if (!open) b.openShapes.set(type, { notes, defining: b.defining.length });
    let schema: Schema;
    try {
      schema = structuralSchema(b, type, { notes, path: "", resultRoot: walk.resultRoot }, analyse);
    } finally {
      if (!open) b.openShapes.delete(type);
    }
    // Met inside itself: the shape is now a named type, defined by what was just analysed.
    const entry = b.named.get(type);
    if (entry) [entry.schema, schema] = [schema, { kind: "ref", name: entry.id }];
    analysed = { schema, notes };
    shapes.set(type, analysed);
  }
  replay(walk, analysed.notes);
  return analysed.schema;
}

function structuralSchema(
  b: SchemaBuilder,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
): Schema {
  if (type.isUnion()) return unionSchema(b, type.types, walk, analyse);
  const intersection = type.isIntersection() ? intersectionSchema(b, type, walk, analyse) : undefined;
  if (intersection) return intersection;
  return arraySchema(b, type, walk, analyse) ?? objectSchema(b, type, walk, analyse);
}

export { LeanLibMiss } from "./lean-guard.js";
export { keyFile } from "./named.js";
export { SchemaBuilder, TooDeep, settled, startWalk, type Position, type Walk, type SchemaProblem, type NamedEntry } from "./builder.js";
