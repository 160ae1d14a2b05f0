// Invalidation targets (PROTOCOL §4): their types, the normal form of a list
// (deduplicated, subsumed, sorted) and instance matching. No zod here: the
// client bundle imports this file (the schemas are in schemas.ts).
export function targetParts(target) {
    if (typeof target === "string")
        return { context: target, fn: undefined, params: {} };
    return { context: target.context, fn: target.fn, params: target.params ?? {} };
}
/** Builds the JSON form: broad when there is neither fn nor params. */
export function makeTarget(context, fn, params = {}) {
    return Object.keys(params).length > 0 ? sortedTarget(context, fn, sortParams(params)) : sortedTarget(context, fn, undefined);
}
/** makeTarget for params whose keys are already sorted (or none): the server builds them so, once per mutation. */
export function sortedTarget(context, fn, sorted) {
    if (fn !== undefined)
        return sorted !== undefined ? { context, fn, params: sorted } : { context, fn };
    return sorted !== undefined ? { context, params: sorted } : context;
}
function sortParams(params) {
    // fromEntries defines own properties: a param named "__proto__" stays a param.
    return Object.fromEntries(Object.keys(params).sort().map((key) => [key, params[key]]));
}
/** Values compare as strings: the header carries strings, JSON may carry numbers. */
function sameValue(a, b) {
    return String(a) === String(b);
}
/**
 * Does a target hit an instance of `context` with these params? A broad
 * target hits every instance; a scoped or function target hits when every
 * param it names equals the instance's value compared as strings. An
 * instance that does not have a param the target names (an optional filter
 * left out) holds data for every value of it, so it is hit too: a mutation
 * of order 7's status must refresh the unfiltered order list. Over-invalidate,
 * never leave stale data.
 */
export function targetMatches(target, context, instanceParams) {
    // Read directly rather than through targetParts: this runs in every client bundle.
    if (typeof target === "string")
        return target === context;
    if (target.context !== context)
        return false;
    for (const [name, value] of Object.entries(target.params ?? {})) {
        const actual = instanceParams[name];
        if (actual === undefined || actual === null)
            continue;
        if (Array.isArray(actual) ? !actual.some((v) => sameValue(v, value)) : !sameValue(actual, value)) {
            return false;
        }
    }
    return true;
}
/** `a` covers everything `b` covers: same context, fn absent or equal, params a subset. */
function subsumes(a, b) {
    if (a.context !== b.context)
        return false;
    if (a.fn !== undefined && a.fn !== b.fn)
        return false;
    for (const [name, value] of Object.entries(a.params)) {
        const other = b.params[name];
        if (other === undefined || !sameValue(other, value))
            return false;
    }
    return true;
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** The params as sorted `[name, value-as-string]` pairs: what two targets are compared by. */
function paramPairs(parts) {
    return Object.keys(parts.params)
        .sort()
        .map((name) => [name, String(parts.params[name])]);
}
/** A total order: context, then fn (none first), then params pair by pair. */
function compareParts(a, b) {
    const byName = compareText(a.context, b.context) ||
        (a.fn === undefined ? (b.fn === undefined ? 0 : -1) : b.fn === undefined ? 1 : compareText(a.fn, b.fn));
    if (byName !== 0)
        return byName;
    const pa = paramPairs(a);
    const pb = paramPairs(b);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const order = compareText(pa[i][0], pb[i][0]) || compareText(pa[i][1], pb[i][1]);
        if (order !== 0)
            return order;
    }
    return pa.length - pb.length;
}
/**
 * The normal form of a target list: each target in its JSON form with sorted
 * params, duplicates removed, targets covered by a broader one dropped, sorted.
 * Values compare as strings, so `{userId: 5}` and `{userId: "5"}` are one
 * target; which spelling survives is fixed (the one whose JSON sorts first),
 * so the result does not depend on the input order.
 */
export function normalizeTargets(targets) {
    if (targets.length === 1) {
        // The common case of one target: only its form to normalize.
        const only = targetParts(targets[0]);
        return [makeTarget(only.context, only.fn, only.params)];
    }
    const unique = new Map();
    for (const target of targets) {
        const parts = targetParts(target);
        // JSON of the pairs: no separator inside a name or value can make two targets collide.
        const key = JSON.stringify([parts.context, parts.fn ?? null, paramPairs(parts)]);
        const json = JSON.stringify(Object.entries(sortParams(parts.params)));
        const seen = unique.get(key);
        if (seen === undefined || json < seen.json)
            unique.set(key, { parts, json });
    }
    const all = [...unique.values()].map(({ parts }) => parts).sort(compareParts);
    const byContext = new Map();
    for (const parts of all) {
        const list = byContext.get(parts.context);
        if (list === undefined)
            byContext.set(parts.context, [parts]);
        else
            list.push(parts);
    }
    const kept = all.filter((parts) => !byContext.get(parts.context).some((other) => other !== parts && subsumes(other, parts)));
    return kept.map((parts) => makeTarget(parts.context, parts.fn, parts.params));
}
