// Generation tags: what a cached instance depends on, and which of them a
// purge bumps, so that a purge hits exactly the instances a scoped match
// (PROTOCOL §4, `targetMatches`) would hit.
//
// An instance of context C with params P carries the tag [C], and for each
// declared param n of C: [C, n, String(v)] for each value v of P[n] (one per
// element of an array), or [C, n] when P lacks n. A target {C, params Q}
// matches P iff for every (n, q) in Q, P lacks n or P[n] holds q: so the
// instances it matches are exactly those in the intersection, over n in Q,
// of the union of [C, n, q] and [C, n]. That intersection is what a purge
// deletes (the reverse index); to stop fills already running, it bumps the
// generations of [C, n, q] and [C, n] for one such n, which every matching
// instance carries. A broad target (or one naming no declared param) bumps
// and deletes [C] (the memory store deletes lazily: memory-store.ts).
import {} from "../protocol/index.js";
// The context and absent-param tags repeat in every instance: one string
// each, kept, instead of a copy per cached entry. Bounded by the route
// tables' contexts and params (plus what purges name). Looked up by a memo
// key cheaper than the tag's JSON: the context alone, or the context's
// length, the context and the param name (unambiguous, as the length says
// where the context ends); one map for each kind, so the two never meet.
const contextTags = new Map();
const absentTags = new Map();
const SHARED_MAX = 10_000;
function sharedTag(memo, memoKey, parts, made) {
    const known = memo.get(memoKey);
    if (known !== undefined)
        return known;
    if (memo.size >= SHARED_MAX) {
        memo.clear();
        made?.clear();
    }
    const tag = JSON.stringify(parts);
    memo.set(memoKey, tag);
    made?.add(tag);
    return tag;
}
export function contextTag(context) {
    return sharedTag(contextTags, context, [context]);
}
function valueTag(context, name, value) {
    return JSON.stringify([context, name, String(value)]);
}
// The absent-param tags made (each a declared param of a bound context): the
// memory store keeps these out of its reverse index (memory-store.ts).
const absentMade = new Set();
function absentTag(context, name) {
    return sharedTag(absentTags, `${context.length}:${context}${name}`, [context, name], absentMade);
}
/** Whether `tag` is an absent-param tag ([C, n]); past SHARED_MAX of them, maybe not for an older one (never yes for another kind). */
export function isAbsentTag(tag) {
    return absentMade.has(tag);
}
/**
 * The tags of one instance, its context's tag first (the memory store relies
 * on that). `names` are the context's declared params, sorted; undefined when unknown.
 */
export function instanceTags(context, names, params) {
    const tags = [contextTag(context)];
    for (const name of names ?? []) {
        const value = Object.hasOwn(params, name) ? params[name] : undefined;
        if (value === undefined || value === null)
            tags.push(absentTag(context, name));
        else if (Array.isArray(value))
            for (const item of new Set(value.map(String)))
                tags.push(valueTag(context, name, item));
        else
            tags.push(valueTag(context, name, value));
    }
    return tags;
}
export function purgePlan(target, names) {
    const context = typeof target === "string" ? target : target.context;
    const params = typeof target === "string" ? {} : (target.params ?? {});
    const groups = [];
    if (names !== undefined) {
        for (const name of Object.keys(params).sort()) {
            // A param no instance has is matched by every instance: it narrows nothing.
            if (names.includes(name))
                groups.push([valueTag(context, name, params[name]), absentTag(context, name)]);
        }
    }
    if (groups.length === 0) {
        const all = contextTag(context);
        return { context, bump: [all], groups: [[all]], broad: true };
    }
    return { context, bump: groups[0], groups, broad: false };
}
/** The declared param names of a context, read from its zod object schema; undefined when it is not one. */
export function declaredParams(query) {
    const shape = query?.shape;
    if (shape === null || typeof shape !== "object")
        return undefined;
    return Object.keys(shape).sort();
}
