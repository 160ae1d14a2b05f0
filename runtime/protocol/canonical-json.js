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
export function canonicalJson(value, shape = null) {
    const out = shape === null ? write(value, 0) : writeShaped(value, 0, shape);
    // JSON.stringify(undefined) is undefined; a body always needs text.
    return out ?? "null";
}
// A string needing no escape is quoted by hand: cheaper than a call into
// JSON.stringify. JSON.stringify escapes `"`, `\`, controls and lone surrogates.
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
function quote(text) {
    return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}
// Object keys repeat across a bundle (every product has a "sku"): their
// quoted form is kept, up to a bound so hostile key sets cannot grow it.
const quotedKeys = new Map();
const QUOTED_KEYS_MAX = 4096;
function quoteKey(key) {
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
        quoted = quote(key);
        if (quotedKeys.size < QUOTED_KEYS_MAX)
            quotedKeys.set(key, quoted);
    }
    return quoted;
}
/**
 * Sorts in place by UTF-16 code units, as Array#sort does by default. An
 * insertion sort for the few keys of a typical object: the built-in sort
 * costs several times more on arrays that short.
 */
function sortKeys(keys) {
    if (keys.length > 16) {
        keys.sort();
        return;
    }
    for (let i = 1; i < keys.length; i++) {
        const key = keys[i];
        let j = i - 1;
        while (j >= 0 && keys[j] > key) {
            keys[j + 1] = keys[j];
            j--;
        }
        keys[j + 1] = key;
    }
}
function tooDeep() {
    throw new TypeError(`canonicalJson: the value is cyclic or nested deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
}
/** `depth`: how many arrays and objects enclose `value`. */
function write(value, depth, fromToJSON = false) {
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
    if (value === null)
        return "null";
    // Like JSON.stringify, toJSON is called once: not again on what it returned.
    if (!fromToJSON && typeof value.toJSON === "function") {
        return write(value.toJSON(), depth, true);
    }
    const object = value;
    if (depth >= CANONICAL_JSON_MAX_DEPTH)
        tooDeep();
    const inner = depth + 1;
    let out;
    if (Array.isArray(object)) {
        out = "[";
        for (let i = 0; i < object.length; i++) {
            if (i > 0)
                out += ",";
            out += write(object[i], inner) ?? "null";
        }
        out += "]";
    }
    else {
        const record = object;
        const keys = Object.keys(record);
        if (keys.length > 1)
            sortKeys(keys);
        out = "{";
        for (const key of keys) {
            const text = write(record[key], inner);
            if (text === undefined)
                continue;
            if (out.length > 1)
                out += ",";
            out += quoteKey(key) + ":" + text;
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
function writeShaped(value, depth, ref, fromToJSON = false) {
    if (ref === null || value === null || typeof value !== "object")
        return write(value, depth, fromToJSON);
    // The shape describes what toJSON returns (a class's data, a Decimal's string).
    if (!fromToJSON && typeof value.toJSON === "function") {
        return writeShaped(value.toJSON(), depth, ref, true);
    }
    const shape = typeof ref === "function" ? ref() : ref;
    if (depth >= CANONICAL_JSON_MAX_DEPTH)
        tooDeep();
    const inner = depth + 1;
    let out;
    if (Array.isArray(value)) {
        if (shape.items === undefined)
            return write(value, depth, true);
        out = "[";
        for (let i = 0; i < value.length; i++) {
            if (i > 0)
                out += ",";
            out += writeShaped(value[i], inner, shape.items) ?? "null";
        }
        return out + "]";
    }
    const { keys: declared, rest } = shape;
    if (declared === undefined && rest === undefined)
        return write(value, depth, true);
    const record = value;
    const lookup = declared === undefined ? undefined : declaredLookup(shape);
    // Own enumerable keys, as JSON.stringify sees them; without an index signature only the declared ones.
    const keys = Object.keys(record);
    let kept = keys;
    if (rest === undefined) {
        // Copied only when the value holds a key its type lacks.
        for (let i = 0; i < keys.length; i++) {
            if (lookup[keys[i]] !== undefined)
                continue;
            kept = keys.slice(0, i);
            for (let j = i + 1; j < keys.length; j++)
                if (lookup[keys[j]] !== undefined)
                    kept.push(keys[j]);
            break;
        }
    }
    if (kept.length > 1)
        sortKeys(kept);
    out = "{";
    for (const key of kept) {
        const declaredShape = lookup?.[key];
        const sub = declaredShape === undefined ? rest : declaredShape;
        const text = sub === null ? write(record[key], inner) : writeShaped(record[key], inner, sub);
        if (text === undefined)
            continue;
        if (out.length > 1)
            out += ",";
        out += quoteKey(key) + ":" + text;
    }
    return out + "}";
}
// A shape's declared keys in an object without a prototype (so that no
// `constructor` or `__proto__` of the value reads as declared), made on the
// shape's first use and kept on it, or beside it when it is frozen.
const LOOKUP = Symbol("mizan.declaredKeys");
const frozenLookups = new WeakMap();
function declaredLookup(shape) {
    let lookup = shape[LOOKUP] ?? frozenLookups.get(shape);
    if (lookup === undefined) {
        lookup = Object.assign(Object.create(null), shape.keys);
        if (Object.isExtensible(shape))
            Object.defineProperty(shape, LOOKUP, { value: lookup });
        else
            frozenLookups.set(shape, lookup);
    }
    return lookup;
}
