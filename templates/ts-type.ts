// Schema → TypeScript type text. The same schema reads differently by
// position: a Date is a `Date` to the server, an ISO `string` in what the
// client receives, and `Date | string` in what the client sends.
import type { Schema } from "../compiler/ir/types.js";

export interface TypeTextOptions {
  dates: "Date" | "string" | "Date | string";
  /** How a named type is spelled (its name, a prefixed name, or its inlined text). */
  ref: (name: string) => string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

export function typeText(schema: Schema, options: TypeTextOptions): string {
  const text = (s: Schema) => typeText(s, options);
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
      const element = text(schema.element);
      return /^[\w$."]+$/.test(element) ? `${element}[]` : `Array<${element}>`;
    }
    case "tuple": {
      const elements = schema.elements.map((e) => text(e.schema) + (e.optional ? "?" : ""));
      if (schema.rest) elements.push(`...Array<${text(schema.rest)}>`);
      return `[${elements.join(", ")}]`;
    }
    case "object":
      return objectText(schema, options);
    case "union":
      return schema.members.map(text).join(" | ");
    case "ref":
      return options.ref(schema.name);
  }
}

function objectText(schema: Extract<Schema, { kind: "object" }>, options: TypeTextOptions): string {
  const members = schema.properties.map(
    (p) => `${propertyKey(p.name)}${p.optional ? "?" : ""}: ${typeText(p.schema, options)}`,
  );
  const index = schema.additional && `{ [key: string]: ${typeText(schema.additional, options)} }`;
  if (members.length === 0) return index ?? "Record<string, never>";
  const shape = `{ ${members.join("; ")} }`;
  // An index signature must admit every property's type; an intersection does not ask that.
  return index ? `${shape} & ${index}` : shape;
}

/** The declaration of a named type: an interface for a plain object shape, an alias otherwise. */
export function namedTypeDeclaration(name: string, schema: Schema, options: TypeTextOptions, exported: boolean): string {
  const prefix = exported ? "export " : "";
  if (schema.kind === "object" && !schema.additional && schema.properties.length > 0) {
    return `${prefix}interface ${name} ${objectText(schema, options)}`;
  }
  return `${prefix}type ${name} = ${typeText(schema, options)};`;
}
