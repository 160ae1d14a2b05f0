import { type Target } from "../protocol/index.js";
export type Tag = string;
export declare function contextTag(context: string): Tag;
/** Whether `tag` is an absent-param tag ([C, n]); past SHARED_MAX of them, maybe not for an older one (never yes for another kind). */
export declare function isAbsentTag(tag: Tag): boolean;
/**
 * The tags of one instance, its context's tag first (the memory store relies
 * on that). `names` are the context's declared params, sorted; undefined when unknown.
 */
export declare function instanceTags(context: string, names: readonly string[] | undefined, params: Readonly<Record<string, unknown>>): Tag[];
/** What one target does to a store: bump these generations, delete the instances in the intersection of these unions. */
export interface PurgePlan {
    readonly context: string;
    readonly bump: readonly Tag[];
    readonly groups: readonly (readonly Tag[])[];
    /** Broad: the whole context index goes. */
    readonly broad: boolean;
}
export declare function purgePlan(target: Target, names: readonly string[] | undefined): PurgePlan;
/** The declared param names of a context, read from its zod object schema; undefined when it is not one. */
export declare function declaredParams(query: unknown): string[] | undefined;
