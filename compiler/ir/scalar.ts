// Which schemas can travel in a URL: context and view-path parameters, and
// the arguments that scope an invalidation target.
import { assertNever } from "./schema-walk.js";
import type { Schema } from "./types.js";

/** A named type's schema by its ref; `nameOf`: the name it is declared under (refs hold ids until the names are chosen), for messages. */
export interface Resolve {
  (id: string): Schema | undefined;
  nameOf(id: string): string;
}

/** string, number, boolean, a literal, or a union of these (no null). */
export function isScalar(schema: Schema, resolve: Resolve): boolean {
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
    case "literal":
      return true;
    case "union":
      return schema.members.every((m) => isScalar(m, resolve));
    case "ref": {
      const target = resolve(schema.name);
      return target !== undefined && isScalar(target, resolve);
    }
    // Read from the URL as its input, then the app's schema validates it.
    case "validated":
      return isScalar(schema.input, resolve);
    case "null":
    case "unknown":
    case "void":
    case "date":
    case "array":
    case "tuple":
    case "object":
    case "masked":
    case "response":
      return false;
    default:
      return assertNever(schema);
  }
}

/** A scalar, or an array of scalars (repeated query keys). */
export function isQueryParam(schema: Schema, resolve: Resolve): boolean {
  if (schema.kind === "array") return isScalar(schema.element, resolve);
  if (schema.kind === "ref") {
    const target = resolve(schema.name);
    return target !== undefined && isQueryParam(target, resolve);
  }
  return isScalar(schema, resolve);
}

/** A query parameter's type as the source spells it, near enough for a message: `number`, `"asc" | "desc"`, `string[]`, `Filter`. */
export function paramText(schema: Schema, resolve: Resolve): string {
  switch (schema.kind) {
    case "literal":
      return JSON.stringify(schema.value);
    case "string":
      // A template literal's text without its backticks: the message puts it in a code span.
      return schema.pattern ? schema.pattern.form.replace(/^`([\s\S]*)`$/, "$1") : "string";
    case "union":
      return schema.members.map((m) => paramText(m, resolve)).join(" | ");
    case "array":
      return schema.element.kind === "union" ? `(${paramText(schema.element, resolve)})[]` : `${paramText(schema.element, resolve)}[]`;
    case "ref":
      return resolve.nameOf(schema.name);
    case "validated":
      return paramText(schema.input, resolve);
    case "date":
      return "Date";
    case "void":
      return "undefined";
    default:
      return schema.kind;
  }
}

/** What keeps a type out of the query string, when one part says it (`null`, a Date), as the end of MZ2002's message. */
export function whyNotQuery(name: string, schema: Schema, resolve: Resolve): string {
  const members = schema.kind === "union" ? schema.members : [schema];
  const rest = members.filter((m) => m.kind !== "null");
  if (rest.length < members.length && rest.length > 0 && rest.every((m) => isQueryParam(m, resolve))) {
    const type = rest.length === 1 ? rest[0]! : { kind: "union" as const, members: rest };
    return `: null cannot travel in a query string; declare it optional (\`${name}?: ${paramText(type, resolve)}\`) and leave it out instead`;
  }
  if (members.some((m) => m.kind === "date")) return ": a Date cannot travel in a query string; take its ISO string and parse it in the function";
  return "";
}

/** The JavaScript kinds a scalar schema's values have (`"string"`, `"number"`, `"boolean"`). */
export function scalarKinds(schema: Schema, resolve: Resolve, into = new Set<string>()): Set<string> {
  switch (schema.kind) {
    case "string":
    case "number":
    case "boolean":
      into.add(schema.kind);
      break;
    case "literal":
      into.add(typeof schema.value);
      break;
    case "union":
      for (const member of schema.members) scalarKinds(member, resolve, into);
      break;
    case "ref": {
      const target = resolve(schema.name);
      if (target !== undefined) scalarKinds(target, resolve, into);
      break;
    }
    case "validated":
      scalarKinds(schema.input, resolve, into);
      break;
    default:
      break;
  }
  return into;
}
