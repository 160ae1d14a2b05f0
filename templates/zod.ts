// Schema → zod 4 source (as a doc), in two modes. "json": what a /call/ body
// holds. "query": strings from a URL, read as their declared types through
// the `wire` helpers of mizan/server (z.stringbool for booleans, never
// z.coerce.boolean).
import type { Schema } from "../compiler/ir/types.js";
import { array, call, object, type Doc } from "./doc.js";
import { propertyKey } from "./ts-type.js";

export type ZodMode = "json" | "query";

export interface ZodOptions {
  mode: ZodMode;
  /** json: the const a named type is bound to. */
  ref: (name: string) => string;
  /** query: a named type's schema, inlined. */
  resolve: (name: string) => Schema;
  /** Objects reject unknown keys unless this is false (view-path args accept extra query keys). */
  strict?: boolean;
}

export function zodDoc(schema: Schema, options: ZodOptions): Doc {
  return options.mode === "json" ? json(schema, options) : query(schema, options);
}

export function optionalZod(doc: Doc, optional: boolean): Doc {
  return optional ? [doc, ".optional()"] : doc;
}

/** `z.strictObject({ name: schema, ... })` over named entries. */
export function zodObject(entries: readonly [name: string, schema: Doc][], strict: boolean): Doc {
  return call(strict ? "z.strictObject" : "z.object", [object(entries.map(([n, s]) => [propertyKey(n), ": ", s]))], true);
}

function json(schema: Schema, o: ZodOptions): Doc {
  const z = (s: Schema) => json(s, o);
  switch (schema.kind) {
    case "string":
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
      return call("z.array", [z(schema.element)]);
    case "tuple": {
      const elements = array(schema.elements.map((e) => optionalZod(z(e.schema), e.optional)));
      return call("z.tuple", schema.rest ? [elements, z(schema.rest)] : [elements], !schema.rest);
    }
    case "object": {
      const entries = schema.properties.map((p): [string, Doc] => [p.name, optionalZod(z(p.schema), p.optional)]);
      if (schema.additional && entries.length === 0) return call("z.record", ["z.string()", z(schema.additional)]);
      if (schema.additional) return [zodObject(entries, false), call(".catchall", [z(schema.additional)])];
      return zodObject(entries, o.strict !== false);
    }
    case "union": {
      const others = schema.members.filter((m) => m.kind !== "null");
      if (others.length === 1) return [z(others[0]!), ".nullable()"];
      return enumZod(schema.members) ?? literalsZod(schema.members) ?? call("z.union", [array(schema.members.map(z))], true);
    }
    case "ref":
      return o.ref(schema.name);
  }
}

function query(schema: Schema, o: ZodOptions): Doc {
  const q = (s: Schema) => query(s, o);
  switch (schema.kind) {
    case "string":
      return "z.string()";
    case "number":
      return "wire.queryNumber()";
    case "boolean":
      return "wire.queryBoolean()";
    case "literal":
      if (typeof schema.value === "string") return `z.literal(${JSON.stringify(schema.value)})`;
      return `${typeof schema.value === "number" ? "wire.queryNumber()" : "wire.queryBoolean()"}.pipe(z.literal(${schema.value}))`;
    case "array":
      return call("wire.queryArray", [q(schema.element)]);
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
    default:
      // Validation lets only URL-safe scalars and arrays of them reach here.
      throw new Error(`a ${schema.kind} cannot be read from a query string`);
  }
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
