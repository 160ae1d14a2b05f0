import { canonicalJson, ERROR_STATUS } from "../protocol/index.js";
import { JSON_TYPE } from "./outgoing.js";
import { parsing } from "./wire.js";
export class MizanHttpError extends Error {
    code;
    issues;
    /** Extra response headers, e.g. `Allow` on a 405. */
    headers;
    constructor(code, message, options = {}) {
        super(message);
        this.name = "MizanHttpError";
        this.code = code;
        this.issues = options.issues;
        this.headers = options.headers ?? {};
    }
    get status() {
        return ERROR_STATUS[this.code];
    }
}
/**
 * @deprecated The former name of MizanHttpError (mizan/client's error had
 * the same name); kept so existing code compiles, to be removed in the next
 * major version.
 */
export const MizanError = MizanHttpError;
export const INTERNAL_MESSAGE = "internal server error";
export function errorOutgoing(error) {
    const body = { error: { code: error.code, message: error.message } };
    if (error.issues !== undefined)
        body.error.issues = error.issues;
    return {
        status: error.status,
        headers: { ...error.headers, "content-type": JSON_TYPE, "cache-control": "no-store" },
        body: canonicalJson(body),
    };
}
export function internalOutgoing() {
    return errorOutgoing(new MizanHttpError("internal", INTERNAL_MESSAGE));
}
/** zod issues in the wire form: path, message and zod's code. */
export function toIssues(issues) {
    return issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
        message: issue.message,
        code: issue.code,
    }));
}
/** Schemas found to validate asynchronously (an app's schema with an async refinement): parsed async from then on. */
const asyncSchemas = new WeakSet();
/**
 * Validates with a generated schema; a mismatch is a 400 carrying zod's
 * issues. Synchronous, unless the schema holds an app's schema that is
 * validated awaiting (any zod schema, or one that answered with a promise):
 * then a promise, and that route table schema is parsed awaiting from then
 * on (the first such parse reads the wire twice).
 */
export function parseWith(schema, input, what) {
    if (asyncSchemas.has(schema))
        return parseAwaiting(schema, input, what);
    parsing.metPromise = false;
    const parsed = schema.safeParse(input);
    if (!parsing.metPromise)
        return parsedData(parsed, what);
    asyncSchemas.add(schema);
    return parseAwaiting(schema, input, what);
}
function parseAwaiting(schema, input, what) {
    parsing.async = true;
    try {
        return schema.safeParseAsync(input).then((parsed) => parsedData(parsed, what));
    }
    finally {
        parsing.async = false;
    }
}
/**
 * Issues a 400 lists: a 1 MiB body of wrong array elements has hundreds of
 * thousands, whose answer would be tens of megabytes. The message counts
 * the rest.
 */
export const MAX_ISSUES = 100;
function parsedData(parsed, what) {
    if (parsed.success)
        return parsed.data;
    const { issues } = parsed.error;
    if (issues.length <= MAX_ISSUES)
        throw new MizanHttpError("bad_request", `invalid ${what}`, { issues: toIssues(issues) });
    const message = `invalid ${what} (the first ${MAX_ISSUES} of ${issues.length} issues)`;
    throw new MizanHttpError("bad_request", message, { issues: toIssues(issues.slice(0, MAX_ISSUES)) });
}
