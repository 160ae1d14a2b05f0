// Schema → zod 4 source text, in two modes. "json": what a /call/ body
// holds. "query": strings from a URL, read as their declared types through
// the `wire` helpers of mizan/server (z.stringbool for booleans, never
// z.coerce.boolean).
import type { Schema } from "../compiler/ir/types.js";
import { propertyKey } from "./ts-type.js";

export type ZodMode = "json" | "query";

export interface ZodOptions {
  mode: ZodMode;
  /** json: the const a named type is bound to. query: the named type's schema, inlined. */
  ref: (name: string) => string;
  resolve: (name: string) => Schema;
  /** Objects reject unknown keys unless this is false (view-path args accept extra query keys). */
  strict?: boolean;
}

export function zodText(schema: Schema, options: ZodOptions): string {
  return options.mode === "json" ? json(schema, options) : query(schema, options);
}

export function optionalZod(text: string, optional: boolean): string {
  return optional ? `${text}.optional()` : text;
}

function json(schema: Schema, o: ZodOptions): string {
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
      return `z.array(${z(schema.element)})`;
    case "tuple": {
      const elements = schema.elements.map((e) => optionalZod(z(e.schema), e.optional)).join(", ");
      return schema.rest ? `z.tuple([${elements}], ${z(schema.rest)})` : `z.tuple([${elements}])`;
    }
    case "object":
      return objectZod(schema, z, o.strict !== false);
    case "union": {
      const others = schema.members.filter((m) => m.kind !== "null");
      if (others.length === 1) return `${z(others[0]!)}.nullable()`;
      return enumZod(schema.members) ?? literalsZod(schema.members) ?? `z.union([${schema.members.map(z).join(", ")}])`;
    }
    case "ref":
      return o.ref(schema.name);
  }
}

function query(schema: Schema, o: ZodOptions): string {
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
      return `wire.queryArray(${q(schema.element)})`;
    case "union": {
      // Typed readings first: "5" is the number 5 when the union also admits a number.
      const members = [...schema.members].sort((a, b) => Number(takesAnyString(a)) - Number(takesAnyString(b)));
      const numbers = schema.members.every((m) => m.kind === "literal" && typeof m.value === "number");
      if (numbers) return `wire.queryNumber().pipe(${literalsZod(schema.members)})`;
      return enumZod(schema.members) ?? `z.union([${members.map(q).join(", ")}])`;
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
function enumZod(members: readonly Schema[]): string | undefined {
  const values = members.map((m) => (m.kind === "literal" && typeof m.value === "string" ? m.value : undefined));
  if (values.some((v) => v === undefined)) return undefined;
  return `z.enum([${values.map((v) => JSON.stringify(v)).join(", ")}])`;
}

/** A union of literals is one z.literal of them all. */
function literalsZod(members: readonly Schema[]): string | undefined {
  if (!members.every((m) => m.kind === "literal")) return undefined;
  return `z.literal([${members.map((m) => JSON.stringify((m as { value: unknown }).value)).join(", ")}])`;
}

function objectZod(schema: Extract<Schema, { kind: "object" }>, z: (s: Schema) => string, strict: boolean): string {
  const shape = schema.properties.map((p) => `${propertyKey(p.name)}: ${optionalZod(z(p.schema), p.optional)}`);
  if (schema.additional && shape.length === 0) return `z.record(z.string(), ${z(schema.additional)})`;
  const object = `z.${strict && !schema.additional ? "strictObject" : "object"}({ ${shape.join(", ")} })`;
  return schema.additional ? `${object}.catchall(${z(schema.additional)})` : object;
}
