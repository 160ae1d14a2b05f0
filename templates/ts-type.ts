// Schema → TypeScript type (as a doc). The same schema reads differently by
// position: a Date is a `Date` to the server, an ISO `string` in what the
// client receives, and `Date | string` in what the client sends.
import { assertNever } from "../compiler/ir/schema-walk.js";
import type { Schema, SchemaValue } from "../compiler/ir/types.js";
import { bracketed, group, hardline, ifBreak, indent, join, line, softline, type Doc } from "./doc.js";

export interface TypeTextOptions {
  dates: "Date" | "string" | "Date | string";
  /** How a named type is spelled (its name, a prefixed name, or its inlined text). */
  ref: (name: string) => Doc;
  /**
   * An optional key also takes `undefined` (`x?: T | undefined`): JSON leaves
   * such a key out, so under exactOptionalPropertyTypes a caller may pass
   * one, and reading an absent key gives it.
   */
  optionalUndefined?: true;
  /** What the client sends: a value declared as an app schema's output is its input (a `.default()`'s key optional). */
  sent?: true;
  /** How the output of an app's schema is spelled where its named types are not declared (routes.ts): else as its schema. */
  schemaOutput?: (value: SchemaValue) => Doc;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** `obj.key`, or `obj["key"]` when the key is not an identifier. */
export function member(object: string, key: string): string {
  const access = propertyKey(key);
  return access === key ? `${object}.${key}` : `${object}[${access}]`;
}

/** A key of an object literal in code: `__proto__`, which would set the prototype, is computed. */
export function valueKey(name: string): string {
  return name === "__proto__" ? '["__proto__"]' : propertyKey(name);
}

export function typeDoc(schema: Schema, options: TypeTextOptions): Doc {
  const t = (s: Schema) => typeDoc(s, options);
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
    case "null":
    case "unknown":
      return schema.kind;
    case "void":
      return "undefined";
    case "response":
      return "Response";
    case "literal":
      return typeof schema.value === "string" ? JSON.stringify(schema.value) : String(schema.value);
    case "date":
      return options.dates;
    case "array": {
      const element = t(schema.element);
      const simple = typeof element === "string" && /^[\w$."]+$/.test(element);
      if (schema.readonly) return simple ? `readonly ${element}[]` : ["ReadonlyArray<", element, ">"];
      return simple ? `${element}[]` : ["Array<", element, ">"];
    }
    case "tuple": {
      const elements: Doc[] = schema.elements.map((e) => (e.optional ? [optionalElement(t(e.schema)), "?"] : t(e.schema)));
      if (schema.rest) elements.push(["...Array<", t(schema.rest), ">"]);
      const tuple = bracketed("[", elements, "]", false);
      return schema.readonly ? ["readonly ", tuple] : tuple;
    }
    case "object":
      return objectType(schema, options);
    case "union":
      return unionDoc(schema, options, softline);
    case "ref":
      return options.ref(schema.name);
    case "masked":
      return [t(schema.shape), " & ", braces(schema.absent.map((name) => `${propertyKey(name)}?: never`))];
    case "validated":
      if (options.sent) return t(schema.input);
      return options.schemaOutput ? options.schemaOutput(schema.by) : t(schema.output);
    default:
      return assertNever(schema);
  }
}

/** An optional tuple element's type: in parentheses unless one plain name or word (`"a" | "b"?` is not TypeScript). */
function optionalElement(type: Doc): Doc {
  return typeof type === "string" && !type.includes(" ") ? type : ["(", type, ")"];
}

/** A broken union puts each member on its own line, led by `|`; `lead` is what stands before the first. */
function unionDoc(schema: Extract<Schema, { kind: "union" }>, options: TypeTextOptions, lead: Doc): Doc {
  return group(indent([lead, ifBreak("| "), join([line, "| "], memberDocs(schema.members, options))]));
}

/** Each member's text once: a Date read as `string` (or `Date | string`) beside a string member says `string` once. */
function memberDocs(members: readonly Schema[], options: TypeTextOptions): Doc[] {
  const seen = new Set<string>();
  const out: Doc[] = [];
  for (const member of members) {
    const parts: Doc[] = member.kind === "date" ? options.dates.split(" | ") : [typeDoc(member, options)];
    for (const part of parts) {
      if (typeof part === "string" && seen.has(part)) continue;
      if (typeof part === "string") seen.add(part);
      out.push(part);
    }
  }
  return out;
}

/** `: T` after a key; a union that breaks starts on the next line (no space left at the end of the key's). */
function annotation(schema: Schema, options: TypeTextOptions): Doc {
  return schema.kind === "union" ? [":", unionDoc(schema, options, line)] : [": ", typeDoc(schema, options)];
}

function members(schema: Extract<Schema, { kind: "object" }>, options: TypeTextOptions): Doc[] {
  return schema.properties.map((p) => {
    const withUndefined = p.optional && options.optionalUndefined && !admitsUndefined(p.schema);
    const type: Schema = withUndefined ? { kind: "union", members: [...(p.schema.kind === "union" ? p.schema.members : [p.schema]), { kind: "void" }] } : p.schema;
    return [propertyKey(p.name), p.optional ? "?" : "", annotation(type, options)];
  });
}

export function admitsUndefined(schema: Schema): boolean {
  return schema.kind === "void" || schema.kind === "unknown" || (schema.kind === "union" && schema.members.some((m) => m.kind === "void"));
}

function braces(items: readonly Doc[]): Doc {
  return group(["{", indent([line, join([";", line], items), ifBreak(";")]), line, "}"]);
}

function objectType(schema: Extract<Schema, { kind: "object" }>, options: TypeTextOptions): Doc {
  const index = schema.additional && braces([["[key: string]", annotation(schema.additional, options)]]);
  if (schema.properties.length === 0) return index ?? "Record<string, never>";
  const shape = braces(members(schema, options));
  // An index signature must admit every property's type; an intersection does not ask that.
  return index ? [shape, " & ", index] : shape;
}

/** The declaration of a named type: an interface for a plain object shape, an alias otherwise. */
export function namedTypeDeclaration(name: string, schema: Schema, options: TypeTextOptions, exported: boolean): Doc {
  const prefix = exported ? "export " : "";
  if (schema.kind === "object" && !schema.additional && schema.properties.length > 0) {
    const body = members(schema, options).map((m) => [m, ";"]);
    return [prefix, "interface ", name, " {", indent([hardline, join(hardline, body)]), hardline, "}"];
  }
  // A union that breaks leads each member with `|` on its own line (unionDoc), from the line after `=`.
  const body = schema.kind === "union" ? unionDoc(schema, options, line) : group(indent([line, typeDoc(schema, options)]));
  return group([prefix, "type ", name, " =", body, ";"]);
}
