// A union of schemas as the IR keeps it: nested unions flattened, duplicates
// dropped, `true | false` folded back into `boolean`, `unknown` absorbing the
// rest, members sorted by Mizan's own order (never the checker's).
import { compareSchemas, schemaKey } from "./schema-key.js";
import type { Schema } from "./types.js";

export function makeUnion(members: readonly Schema[]): Schema {
  const flat = new Map<string, Schema>();
  for (const member of members.flatMap((m) => (m.kind === "union" ? m.members : [m]))) {
    flat.set(schemaKey(member), member);
  }
  const hasTrue = flat.has(schemaKey({ kind: "literal", value: true }));
  const hasFalse = flat.has(schemaKey({ kind: "literal", value: false }));
  if ((hasTrue && hasFalse) || flat.has("boolean")) {
    flat.delete(schemaKey({ kind: "literal", value: true }));
    flat.delete(schemaKey({ kind: "literal", value: false }));
    flat.set("boolean", { kind: "boolean" });
  }
  // `unknown` absorbs everything else.
  if (flat.has("unknown")) return { kind: "unknown" };
  const sorted = [...flat.values()].sort(compareSchemas);
  return sorted.length === 1 ? sorted[0]! : { kind: "union", members: sorted };
}
