/**
 * Deepest nesting written. A cycle or a value deeper than this throws a
 * TypeError saying so, rather than a stack overflow: the recursion below
 * stays far from the stack's limit, and a cycle needs no set of open objects.
 */
export declare const CANONICAL_JSON_MAX_DEPTH = 1000;
/**
 * What of a value its declared type lets through (routes.ts's `result`,
 * generated from the function's result type): an object's declared keys,
 * what an index signature admits beyond them, an array's elements. A key
 * the type does not declare is not written, so a function typed
 * `Promise<Omit<User, "password">>` that returns the whole row does not
 * send the password.
 */
export interface ResultShape {
    /** The declared keys and the shape of each one's value. */
    readonly keys?: {
        readonly [key: string]: ShapeRef;
    };
    /** An index signature: every other own key, its value by this shape. Absent: other keys are left out. */
    readonly rest?: ShapeRef;
    /** An array's (or tuple's) elements. */
    readonly items?: ShapeRef;
}
/** null: any value, written whole. A function: a named shape, which may refer to itself. */
export type ShapeRef = ResultShape | (() => ResultShape) | null;
export declare function canonicalJson(value: unknown, shape?: ShapeRef): string;
