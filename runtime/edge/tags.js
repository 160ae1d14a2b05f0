// The CDN tag vocabulary (PROTOCOL §8). Tags fit the strictest CDN: lowercase
// `[a-z0-9._-]`, at most 64 characters, at most 100 per response.
//
//   mz.<context>                  every cached instance of the context
//   mz.<context>.<param>.<value>  instances whose <param> is <value>
//   mz.<context>.<param>          instances that do not fix <param> (left out,
//                                 or too many values to list)
//
// Names are lowercased (`userId` → `userid`). A value is written as is when
// it is already in the alphabet and does not start with `_`; any other
// value (`A`, `a b`, `%`, `é`, "") is `_` + a hash of it, so `A` and `a`
// never share a tag. A name outside the alphabet is hashed the same way. A
// tag still longer than 64 characters becomes `mz._` + a hash of all its
// parts. Two names that differ only in case share their tags: that can only
// over-purge, never leave a stale entry.
import { targetParts } from "../protocol/targets.js";
import { shortHash } from "./hash.js";
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 100;
export const DEFAULT_TAG_PREFIX = "mz";
export const TAG_PATTERN = /^[a-z0-9._-]{1,64}$/;
const PREFIX = /^[a-z0-9][a-z0-9-]{0,15}$/;
const PLAIN_NAME = /^[a-z0-9-][a-z0-9_-]*$/;
const PLAIN_VALUE = /^[a-z0-9.-][a-z0-9._-]*$/;
export function checkPrefix(prefix) {
    if (!PREFIX.test(prefix))
        throw new TypeError(`mizan: the tag prefix "${prefix}" must match ${PREFIX} (lowercase, at most 16 characters)`);
    return prefix;
}
function nameSegment(name) {
    const lower = name.toLowerCase();
    return PLAIN_NAME.test(lower) ? lower : `_${shortHash(name)}`;
}
function valueSegment(value) {
    return PLAIN_VALUE.test(value) ? value : `_${shortHash(value)}`;
}
function fit(prefix, segments, parts) {
    const tag = `${prefix}.${segments.join(".")}`;
    // JSON of the parts: unambiguous whatever they contain.
    return tag.length <= MAX_TAG_LENGTH ? tag : `${prefix}._${shortHash(JSON.stringify(parts))}`;
}
/** `mz.<context>`: carried by every cached instance; a broad target purges it. */
export function contextTag(context, prefix = DEFAULT_TAG_PREFIX) {
    return fit(prefix, [nameSegment(context)], [context]);
}
/** `mz.<context>.<param>`: instances that hold every value of the param. */
export function wildcardTag(context, param, prefix = DEFAULT_TAG_PREFIX) {
    return fit(prefix, [nameSegment(context), nameSegment(param)], [context, param]);
}
/** `mz.<context>.<param>.<value>`. */
export function valueTag(context, param, value, prefix = DEFAULT_TAG_PREFIX) {
    const names = [nameSegment(context), nameSegment(param)];
    const segment = valueSegment(value);
    const plain = `${prefix}.${names.join(".")}.${segment}`;
    if (plain.length <= MAX_TAG_LENGTH)
        return plain;
    // A long plain value is hashed before the names are given up.
    return fit(prefix, [...names, segment.startsWith("_") ? segment : `_${shortHash(value)}`], [context, param, value]);
}
/**
 * The tags of one instance: its context tag, then per parameter (declared
 * or given) a value tag per value, or the wildcard tag when it has none. Over
 * 100 tags, the parameter with the most values is replaced by its wildcard,
 * again until the list fits: every scoped purge still reaches the instance
 * (never a silent truncation, never a stale entry). Sorted, no duplicates.
 */
export function instanceTags(context, declared, params, prefix = DEFAULT_TAG_PREFIX) {
    const names = [...new Set([...declared, ...Object.keys(params)])].sort();
    if (names.length + 1 > MAX_TAGS) {
        throw new RangeError(`mizan: the context ${context} has ${names.length} parameters: more than ${MAX_TAGS - 1} cannot be tagged`);
    }
    const values = new Map();
    for (const name of names) {
        const given = Object.hasOwn(params, name) ? params[name] : undefined;
        const list = given === undefined ? [] : typeof given === "string" ? [given] : [...new Set(given)];
        values.set(name, list);
    }
    const count = () => 1 + [...values.values()].reduce((sum, list) => sum + Math.max(1, list.length), 0);
    while (count() > MAX_TAGS) {
        const [widest] = [...values.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
        values.set(widest, []);
    }
    const tags = new Set([contextTag(context, prefix)]);
    for (const [name, list] of values) {
        if (list.length === 0)
            tags.add(wildcardTag(context, name, prefix));
        for (const value of list)
            tags.add(valueTag(context, name, value, prefix));
    }
    return [...tags].sort();
}
/**
 * The tags that purge what a target matches (§4): a broad target, or one
 * without params, purges its context tag. A scoped target purges, for its
 * first param (the first one the context declares), the value tag and the wildcard tag: every instance that
 * matches has one of them. Instances that agree on that param but not on
 * another are purged too (a CDN cannot intersect tags): over-purge, never
 * stale. `declared`, when given, names each context's parameters: a target
 * param the context does not declare cannot be relied on, so its context
 * tag is purged instead.
 */
export function purgeTags(targets, prefix = DEFAULT_TAG_PREFIX, declared) {
    const tags = new Set();
    for (const target of targets) {
        const { context, params } = targetParts(target);
        const names = Object.keys(params).sort();
        const known = declared?.(context);
        const name = declared === undefined ? names[0] : names.find((n) => known?.has(n) === true);
        if (name === undefined) {
            tags.add(contextTag(context, prefix));
            continue;
        }
        tags.add(valueTag(context, name, String(params[name]), prefix));
        tags.add(wildcardTag(context, name, prefix));
    }
    return [...tags].sort();
}
/** The header value: space-separated for xkey and Surrogate-Key, comma-separated for Cache-Tag. */
export function formatTagHeader(header, tags) {
    return tags.join(header === "Cache-Tag" ? "," : " ");
}
export const TAG_HEADERS = ["Surrogate-Key", "Cache-Tag", "xkey"];
