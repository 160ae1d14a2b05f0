import { type Target } from "../protocol/targets.js";
import type { InstanceParams } from "./params.js";
export declare const MAX_TAG_LENGTH = 64;
export declare const MAX_TAGS = 100;
export declare const DEFAULT_TAG_PREFIX = "mz";
export declare const TAG_PATTERN: RegExp;
export declare function checkPrefix(prefix: string): string;
/** `mz.<context>`: carried by every cached instance; a broad target purges it. */
export declare function contextTag(context: string, prefix?: string): string;
/** `mz.<context>.<param>`: instances that hold every value of the param. */
export declare function wildcardTag(context: string, param: string, prefix?: string): string;
/** `mz.<context>.<param>.<value>`. */
export declare function valueTag(context: string, param: string, value: string, prefix?: string): string;
/**
 * The tags of one instance: its context tag, then per parameter (declared
 * or given) a value tag per value, or the wildcard tag when it has none. Over
 * 100 tags, the parameter with the most values is replaced by its wildcard,
 * again until the list fits: every scoped purge still reaches the instance
 * (never a silent truncation, never a stale entry). Sorted, no duplicates.
 */
export declare function instanceTags(context: string, declared: Iterable<string>, params: InstanceParams, prefix?: string): string[];
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
export declare function purgeTags(targets: readonly Target[], prefix?: string, declared?: (context: string) => ReadonlySet<string> | undefined): string[];
/** The header value: space-separated for xkey and Surrogate-Key, comma-separated for Cache-Tag. */
export declare function formatTagHeader(header: TagHeader, tags: readonly string[]): string;
export type TagHeader = "Surrogate-Key" | "Cache-Tag" | "xkey";
export declare const TAG_HEADERS: readonly TagHeader[];
