export type ParamValue = string | number | boolean;
export type TargetParams = Readonly<Record<string, ParamValue>>;
/** `"user"`: every instance of the context. */
export type BroadTarget = string;
/** `{context, params}`: the instances whose params match. */
export interface ScopedTarget {
    readonly context: string;
    readonly params: TargetParams;
    readonly fn?: undefined;
}
/** `{context, fn, params?}`: one function of the context (v1 refetches the whole instance). */
export interface FunctionTarget {
    readonly context: string;
    readonly fn: string;
    readonly params?: TargetParams;
}
export type Target = BroadTarget | ScopedTarget | FunctionTarget;
/** The parts every target has, whatever its form. */
export interface TargetParts {
    context: string;
    fn: string | undefined;
    params: TargetParams;
}
export declare function targetParts(target: Target): TargetParts;
/** Builds the JSON form: broad when there is neither fn nor params. */
export declare function makeTarget(context: string, fn?: string, params?: TargetParams): Target;
/** makeTarget for params whose keys are already sorted (or none): the server builds them so, once per mutation. */
export declare function sortedTarget(context: string, fn: string | undefined, sorted: TargetParams | undefined): Target;
/**
 * Does a target hit an instance of `context` with these params? A broad
 * target hits every instance; a scoped or function target hits when every
 * param it names equals the instance's value compared as strings. An
 * instance that does not have a param the target names (an optional filter
 * left out) holds data for every value of it, so it is hit too: a mutation
 * of order 7's status must refresh the unfiltered order list. Over-invalidate,
 * never leave stale data.
 */
export declare function targetMatches(target: Target, context: string, instanceParams: Readonly<Record<string, unknown>>): boolean;
/**
 * The normal form of a target list: each target in its JSON form with sorted
 * params, duplicates removed, targets covered by a broader one dropped, sorted.
 * Values compare as strings, so `{userId: 5}` and `{userId: "5"}` are one
 * target; which spelling survives is fixed (the one whose JSON sorts first),
 * so the result does not depend on the input order.
 */
export declare function normalizeTargets(targets: readonly Target[]): Target[];
