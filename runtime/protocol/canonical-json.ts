// Canonical JSON: JSON.stringify's value rules, object keys sorted at every
// depth, no whitespace. Same value in, byte-identical text out, which is what
// makes bodies comparable and ETags stable whatever order a function built
// its objects in.

export function canonicalJson(value: unknown): string {
  const out = write(value, new Set());
  // JSON.stringify(undefined) is undefined; a body always needs text.
  return out ?? "null";
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "bigint":
      throw new TypeError("canonicalJson: a bigint has no JSON form");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const object = value as object;
  if (seen.has(object)) throw new TypeError("canonicalJson: the value is cyclic");
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = "[" + object.map((item) => write(item, seen) ?? "null").join(",") + "]";
  } else {
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = write(record[key], seen);
      if (text !== undefined) parts.push(JSON.stringify(key) + ":" + text);
    }
    out = "{" + parts.join(",") + "}";
  }
  seen.delete(object);
  return out;
}
