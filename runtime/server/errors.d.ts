import type { z } from "zod";
import { type ErrorCode, type ErrorIssue } from "../protocol/index.js";
import { type Outgoing } from "./outgoing.js";
export declare class MizanHttpError extends Error {
    readonly code: ErrorCode;
    readonly issues: ErrorIssue[] | undefined;
    /** Extra response headers, e.g. `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>>;
    constructor(code: ErrorCode, message: string, options?: {
        issues?: ErrorIssue[];
        headers?: Record<string, string>;
    });
    get status(): number;
    /**
     * An error of another copy of mizan/server is one too: an app's code may
     * load another copy than the handler's (tsx loads a package without
     * "type": "module" as CommonJS and the server as an ES module; a monorepo
     * may install mizan twice), and its refusals must keep their status. A
     * subclass is tested as usual.
     */
    static [Symbol.hasInstance](value: unknown): boolean;
}
/**
 * @deprecated The former name of MizanHttpError (mizan/client's error had
 * the same name); kept so existing code compiles, to be removed in the next
 * major version.
 */
export declare const MizanError: typeof MizanHttpError;
/** @deprecated Use MizanHttpError. */
export type MizanError = MizanHttpError;
export declare const INTERNAL_MESSAGE = "internal server error";
export declare function errorOutgoing(error: MizanHttpError): Outgoing;
export declare function internalOutgoing(): Outgoing;
/** zod issues in the wire form: path, message and zod's code. */
export declare function toIssues(issues: readonly z.core.$ZodIssue[]): ErrorIssue[];
/**
 * Arguments larger than this (a call's body, in bytes) are validated by a
 * parse that stops at its first issue (zod's `abortEarly`, and the first
 * issue only of an app's own schema), so that a 400 costs about what the
 * body's valid parse would. A parse that lists every issue builds them all:
 * a 1 MiB body of `{}` elements against an object of 8 required keys is 2.8
 * million issues, 5 s of CPU and 2 GB of heap. Up to this size a 400 lists
 * every issue (a form's fields each get theirs), at worst some 20 ms. Only
 * above it: a parse given a context leaves zod's compiled fast path (0.05
 * µs becomes 0.7 µs for a small object), which a large body's reading
 * dwarfs. What zod cannot stop early (an unknown key, a record's values)
 * still costs one issue per element.
 */
export declare const ALL_ISSUES_MAX_BYTES = 2048;
/**
 * Validates with a generated schema; a mismatch is a 400 carrying zod's
 * issues. Synchronous, unless the schema holds an app's schema that is
 * validated awaiting (any zod schema, or one that answered with a promise):
 * then a promise, and that route table schema is parsed awaiting from then
 * on (the first such parse reads the wire twice). `bytes`: the size of the
 * body `input` was read from (see ALL_ISSUES_MAX_BYTES).
 */
export declare function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string, bytes?: number): z.output<T> | Promise<z.output<T>>;
/**
 * Issues a 400 lists: a 2 KiB body of wrong array elements has thousands,
 * whose answer would be tens of times larger than the body. The message
 * counts the rest.
 */
export declare const MAX_ISSUES = 100;
