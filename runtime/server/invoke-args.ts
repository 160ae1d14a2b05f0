// invoke's arguments as the wire would carry them. JSON.stringify leaves out
// a key that holds undefined, so a call never sends `{ q: undefined }`; server
// code compiled without exactOptionalPropertyTypes may pass one to invoke
// (`{ q: params.q }`), and the schema's `.exactOptional()` keys would refuse
// it. Such keys are dropped, and an undefined array element becomes the null
// JSON writes for it (which the schemas read back: an element's undefined,
// a tuple's absent optional tail), at any depth of plain objects and arrays;
// other values (a Date, a class instance) are handed on as they are. Nothing
// is copied unless something changes.

/** Deeper than this, values are handed on as they are (the schema reads them; a cycle is the caller's). */
const MAX_DEPTH = 256;

export function withoutUndefinedKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const kept = item === undefined ? null : withoutUndefinedKeys(item, depth + 1);
      if (kept !== item) (out ??= value.slice())[i] = kept;
    }
    return out ?? value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const kept = item === undefined ? undefined : withoutUndefinedKeys(item, depth + 1);
    if (item !== undefined && kept === item) continue;
    out ??= copyOf(record);
    if (item === undefined) delete out[key];
    else out[key] = kept;
  }
  return out ?? value;
}

/** A plain copy that keeps a `__proto__` key as an own key (JSON.parse makes one so). */
function copyOf(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(record) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(record)) Object.defineProperty(copy, key, { value: record[key], enumerable: true, writable: true, configurable: true });
  return copy;
}
