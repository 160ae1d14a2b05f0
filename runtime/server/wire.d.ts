import { z } from "zod";
/** Standard Schema v1 (standardschema.dev), as much of it as validating needs. */
export interface StandardSchema<Input = unknown, Output = Input> {
    readonly "~standard": {
        readonly version: 1;
        readonly vendor: string;
        readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
        readonly types?: {
            readonly input: Input;
            readonly output: Output;
        } | undefined;
    };
}
type StandardResult<Output> = {
    readonly value: Output;
    readonly issues?: undefined;
} | {
    readonly issues: readonly StandardIssue[];
};
interface StandardIssue {
    readonly message: string;
    readonly path?: readonly (PropertyKey | {
        readonly key: PropertyKey;
    })[] | undefined;
}
/**
 * How the parse under way treats an app's schema that answers with a
 * promise. parseWith sets these around its synchronous call into zod, which
 * runs every `standard` transform in that same call (their `read` schemas
 * are synchronous), so no other parse can see them. One object per process,
 * not per copy of this module: the route table may hold another copy's
 * `wire` than the handler's (tsx loads routes.ts as CommonJS in a package
 * without "type": "module", and the server as an ES module; a monorepo may
 * install mizan twice), and the two must see the same flags.
 */
export declare const parsing: Parsing;
interface Parsing {
    async: boolean;
    metPromise: boolean;
    /** The parse stops at its first issue (a large body: ALL_ISSUES_MAX_BYTES in errors.ts), and so do the app's schemas. */
    stopEarly: boolean;
}
export declare const STOP_AT_FIRST_ISSUE: z.core.ParseContext<z.core.$ZodIssue>;
/** What a Standard Schema outputs. */
export type StandardOutput<S extends StandardSchema> = NonNullable<S["~standard"]["types"]>["output"];
/** Longest numeric string read: more than any double needs, short enough that no parse of it costs. */
export declare const MAX_NUMBER_LENGTH = 100;
export declare const wire: {
    /** `"5"` → 5; anything that is not a plain decimal number is rejected. */
    queryNumber: () => z.ZodPipe<z.ZodPipe<z.ZodString, z.ZodTransform<number, string>>, z.ZodNumber>;
    /** `true/false/1/0` only (never z.coerce.boolean, which takes "false" as true). */
    queryBoolean: () => z.ZodCodec<z.ZodString, z.ZodBoolean>;
    /** Repeated keys (`?id=1&id=2`) or a single value, as an array. */
    queryArray: <Item extends z.ZodType<unknown, string>>(item: Item) => z.ZodPipe<z.ZodPipe<z.ZodUnion<readonly [z.ZodString, z.ZodArray<z.ZodString>]>, z.ZodTransform<string[], string | string[]>>, z.ZodArray<Item>>;
    /**
     * A parameter declared as `schema`'s output: the wire read as `read` says
     * (the schema's input type: dates from ISO strings), then `schema`
     * validates, refinements included, and the function gets its output. Its
     * issues are the 400's. A schema that answers with a promise (an async
     * refinement; zod also answers so when a refinement throws) is awaited
     * (parseWith parses asynchronously); one that throws, or rejects, refused
     * the value: a 400 too, without its exception's text.
     */
    standard: <S extends StandardSchema, Read extends z.ZodType>(schema: S, read: Read) => z.ZodPipe<Read, z.ZodTransform<Awaited<StandardOutput<S>>, z.core.output<Read>>>;
    /** A `Date` parameter: an ISO 8601 string on the wire, a Date in the function. */
    date: () => z.ZodUnion<readonly [z.ZodDate, z.ZodPipe<z.ZodISODateTime, z.ZodTransform<Date, string>>]>;
};
export {};
