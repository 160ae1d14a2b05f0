// Which schemas can travel in a URL: context and view-path parameters, and
// the arguments that scope an invalidation target.
import { assertNever } from "./schema-walk.js";
import type { Schema } from "./types.js";

export type Resolve = (name: string) => Schema | undefined;

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
