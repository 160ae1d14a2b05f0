// Canonical JSON: JSON.stringify's value rules, object keys sorted at every
// depth, no whitespace. Same value in, byte-identical text out, which is what
// makes bodies comparable and ETags stable whatever order a function built
// its objects in. Written as one string-building pass: every context read
// goes through it.

/**
 * Deepest nesting written. A cycle or a value deeper than this throws a
 * TypeError saying so, rather than a stack overflow: the recursion below
 * stays far from the stack's limit, and a cycle needs no set of open objects.
 */
export const CANONICAL_JSON_MAX_DEPTH = 1000;

/**
 * What of a value its declared type lets through (routes.ts's `result`,
 * generated from the function's result type): an object's declared keys,
 * what an index signature admits beyond them, an array's elements. A key
 * the type does not declare is not written, so a function typed
 * `Promise<Omit<User, "password">>` that returns the whole row does not
 * send the password.
 */
export interface ResultShape {
  /**
   * The declared keys and the shape of each one's value. A key whose value
   * is undefined is not declared (TypeScript types an array of object
   * literals with each one's missing keys as `?: undefined`).
   */
  readonly keys?: { readonly [key: string]: ShapeRef | undefined };
  /** An index signature: every other own key, its value by this shape. Absent: other keys are left out. */
  readonly rest?: ShapeRef;
  /** An array's elements, or a tuple's past `elements` (its rest element). */
  readonly items?: ShapeRef;
  /**
   * A tuple's elements, one shape a position. Without `items`, elements past
   * them are left out: the declared type has none.
   */
  readonly elements?: readonly ShapeRef[];
  /**
   * A union of objects told apart by one key's literal value: the shape of
   * the member whose `key` is the value's (by `String(value)`), used in
   * place of this one. A value matching no case is written by this one.
   */
  readonly by?: { readonly key: string; readonly cases: { readonly [value: string]: ShapeRef } };
}

/** null: any value, written whole. A function: a named shape, which may refer to itself. */
export type ShapeRef = ResultShape | (() => ResultShape) | null;

export function canonicalJson(value: unknown, shape: ShapeRef = null): string {
  const out = shape === null ? write(value, 0) : writeShaped(value, 0, shape);
  // JSON.stringify(undefined) is undefined; a body always needs text.
  return out ?? "null";
}

// A string needing no escape is quoted by hand: cheaper than a call into
// JSON.stringify. JSON.stringify escapes `"`, `\`, controls and lone surrogates.
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function quote(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

// Object keys repeat across a bundle (every product has a "sku"): their
// written forms (`"sku":` and `,"sku":`) are kept, up to a bound so hostile
// key sets cannot grow it.
interface KeyText {
  /** `"key":`, for an object's first key written. */
  readonly first: string;
  /** `,"key":`, for every other. */
  readonly next: string;
}
const keyTexts = new Map<string, KeyText>();
const KEY_TEXTS_MAX = 4096;

function keyText(key: string): KeyText {
  let text = keyTexts.get(key);
  if (text === undefined) {
    const first = `${quote(key)}:`;
    text = { first, next: `,${first}` };
    if (keyTexts.size < KEY_TEXTS_MAX) keyTexts.set(key, text);
  }
  return text;
}

/**
 * Sorts in place by UTF-16 code units, as Array#sort does by default. An
 * insertion sort for the few keys of a typical object: the built-in sort
 * costs several times more on arrays that short.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

function tooDeep(): never {
  throw new TypeError(`canonicalJson: the value is cyclic or nested deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
}

/** `depth`: how many arrays and objects enclose `value`. */
function write(value: unknown, depth: number, fromToJSON = false): string | undefined {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      // For a finite number String() and JSON.stringify agree (-0 → "0").
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      throw new TypeError("canonicalJson: a bigint has no JSON form");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  // Like JSON.stringify, toJSON is called once: not again on what it returned.
  if (!fromToJSON && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return write((value as { toJSON: () => unknown }).toJSON(), depth, true);
  }
  const object = value as object;
  if (depth >= CANONICAL_JSON_MAX_DEPTH) tooDeep();
  const inner = depth + 1;
  let out: string;
  if (Array.isArray(object)) {
    out = "[";
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out += ",";
      out += write(object[i], inner) ?? "null";
    }
    out += "]";
  } else {
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 1) sortKeys(keys);
    out = "{";
    for (const key of keys) {
      const text = write(record[key], inner);
      if (text === undefined) continue;
      const named = keyText(key);
      out += (out.length > 1 ? named.next : named.first) + text;
    }
    out += "}";
  }
  return out;
}

/**
 * `write` under a shape. What the shape does not describe (a scalar, an
 * object where it declares an array) is written whole: the shape only ever
 * leaves out keys the declared type does not have.
 */
function writeShaped(value: unknown, depth: number, ref: ShapeRef, fromToJSON = false): string | undefined {
  if (ref === null || value === null || typeof value !== "object") return write(value, depth, fromToJSON);
  // The shape describes what toJSON returns (a class's data, a Decimal's string).
  if (!fromToJSON && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return writeShaped((value as { toJSON: () => unknown }).toJSON(), depth, ref, true);
  }
  const shape = typeof ref === "function" ? ref() : ref;
  if (depth >= CANONICAL_JSON_MAX_DEPTH) tooDeep();
  const inner = depth + 1;
  let out: string;
  if (Array.isArray(value)) {
    const { items, elements } = shape;
    if (items === undefined && elements === undefined) return write(value, depth, true);
    const length = elements !== undefined && items === undefined ? Math.min(value.length, elements.length) : value.length;
    out = "[";
    for (let i = 0; i < length; i++) {
      if (i > 0) out += ",";
      const sub = elements !== undefined && i < elements.length ? elements[i]! : (items as ShapeRef);
      out += writeShaped(value[i], inner, sub) ?? "null";
    }
    return out + "]";
  }
  if (shape.by !== undefined) {
    const member = caseOf(shape.by, (value as Record<string, unknown>)[shape.by.key]);
    if (member !== undefined) return writeShaped(value, depth, member, true);
  }
  const { keys: declared, rest } = shape;
  if (declared === undefined && rest === undefined) return write(value, depth, true);
  const record = value as Record<string, unknown>;
  const memo = shapeMemo(shape);
  // Own enumerable keys, as JSON.stringify sees them; without an index signature only the declared ones.
  const keys = Object.keys(record);
  const plan = planFor(memo, keys, rest);
  if (plan !== undefined) {
    // The keys this shape met before, in the same order: what to write is known.
    let written: string | undefined;
    for (let i = 0; i < plan.names.length; i++) {
      const sub = plan.subs[i]!;
      const item = record[plan.names[i]!];
      const text = sub === null ? write(item, inner) : writeShaped(item, inner, sub);
      if (text === undefined) continue;
      written = written === undefined ? plan.first[i]! + text : written + (plan.next[i]! + text);
    }
    return written === undefined ? "{}" : written + "}";
  }
  // More key lists than the shape keeps plans for (a record's varying keys): written as a plan would be, without one.
  const lookup = memo.lookup;
  out = "{";
  for (const key of keptKeys(keys, lookup, rest)) {
    const sub = subShape(lookup, rest, key);
    const text = sub === null ? write(record[key], inner) : writeShaped(record[key], inner, sub);
    if (text === undefined) continue;
    const named = keyText(key);
    out += (out.length > 1 ? named.next : named.first) + text;
  }
  return out + "}";
}

/** The shape of the member a tag value names, if any (own cases only: a tag may be "constructor"). */
function caseOf(by: NonNullable<ResultShape["by"]>, tag: unknown): ShapeRef | undefined {
  if (typeof tag !== "string" && typeof tag !== "number" && typeof tag !== "boolean") return undefined;
  const name = String(tag);
  return Object.prototype.hasOwnProperty.call(by.cases, name) ? by.cases[name] : undefined;
}

/**
 * What to write of an object whose own keys (in Object.keys order) are
 * `keys`, under one shape: the keys kept, sorted, each with its written
 * name and its value's shape. Objects of one type come with the same keys in
 * the same order, so a shape remembers the plans of the few key lists it
 * met: one comparison of the key list replaces the lookups and the sort.
 */
interface KeyPlan {
  /** The key list the plan was made for. */
  readonly keys: readonly string[];
  readonly names: readonly string[];
  /** `{"name":` */
  readonly first: readonly string[];
  /** `,"name":` */
  readonly next: readonly string[];
  readonly subs: readonly ShapeRef[];
}

interface ShapeMemo {
  /** The declared keys, in an object without a prototype. */
  readonly lookup: Lookup;
  readonly plans: KeyPlan[];
}

// Plans kept per shape (an optional key gives a second key list), and the longest key list planned.
const PLANS_MAX = 4;
const PLAN_KEYS_MAX = 32;

function planFor(memo: ShapeMemo, keys: string[], rest: ShapeRef | undefined): KeyPlan | undefined {
  const plans = memo.plans;
  for (let p = 0; p < plans.length; p++) {
    const plan = plans[p]!;
    const known = plan.keys;
    if (known.length !== keys.length) continue;
    let i = 0;
    while (i < keys.length && known[i] === keys[i]) i++;
    if (i === keys.length) return plan;
  }
  if (plans.length >= PLANS_MAX || keys.length > PLAN_KEYS_MAX) return undefined;
  const lookup = memo.lookup;
  const known = keys.slice();
  const names = keptKeys(keys.slice(), lookup, rest);
  const plan: KeyPlan = {
    keys: known,
    names,
    first: names.map((key) => `{${keyText(key).first}`),
    next: names.map((key) => keyText(key).next),
    subs: names.map((key) => subShape(lookup, rest, key)),
  };
  plans.push(plan);
  return plan;
}

/**
 * The keys written, sorted (`keys` itself, sorted in place, when the value
 * holds no key its type lacks): without an index signature, the declared ones.
 */
function keptKeys(keys: string[], lookup: Lookup, rest: ShapeRef | undefined): string[] {
  let kept = keys;
  if (rest === undefined) {
    for (let i = 0; i < keys.length; i++) {
      if (lookup[keys[i]!] !== undefined) continue;
      kept = keys.slice(0, i);
      for (let j = i + 1; j < keys.length; j++) if (lookup[keys[j]!] !== undefined) kept.push(keys[j]!);
      break;
    }
  }
  if (kept.length > 1) sortKeys(kept);
  return kept;
}

/** A kept key's value's shape: its declared one, else the index signature's. */
function subShape(lookup: Lookup, rest: ShapeRef | undefined, key: string): ShapeRef {
  const declaredShape = lookup[key];
  return declaredShape === undefined ? (rest as ShapeRef) : declaredShape;
}

// A shape's declared keys in an object without a prototype (so that no
// `constructor` or `__proto__` of the value reads as declared) and its key
// plans, made on the shape's first use and kept on it, or beside it when it
// is frozen.
const MEMO = Symbol("mizan.shapeMemo");
const frozenMemos = new WeakMap<ResultShape, ShapeMemo>();

type Lookup = Record<string, ShapeRef | undefined>;

function shapeMemo(shape: ResultShape & { [MEMO]?: ShapeMemo }): ShapeMemo {
  let memo = shape[MEMO] ?? frozenMemos.get(shape);
  if (memo === undefined) {
    memo = { lookup: Object.assign(Object.create(null) as Lookup, shape.keys), plans: [] };
    if (Object.isExtensible(shape)) Object.defineProperty(shape, MEMO, { value: memo });
    else frozenMemos.set(shape, memo);
  }
  return memo;
}
