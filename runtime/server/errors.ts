// Errors the handler answers with (PROTOCOL §3): a MizanHttpError is an expected
// outcome with a status; anything else thrown is a server bug and becomes a
// generic 500 whose text never reaches the client.
import type { z } from "zod";
import { canonicalJson, ERROR_STATUS, type ErrorBody, type ErrorCode, type ErrorIssue } from "../protocol/index.js";
import { JSON_TYPE, type Outgoing } from "./outgoing.js";
import { parsing, STOP_AT_FIRST_ISSUE } from "./wire.js";

export class MizanHttpError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  /** Extra response headers, e.g. `Allow` on a 405. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options: { issues?: ErrorIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "MizanHttpError";
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers === undefined ? {} : checkedHeaders(options.headers);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /**
   * An error of another copy of mizan/server is one too: an app's code may
   * load another copy than the handler's (tsx loads a package without
   * "type": "module" as CommonJS and the server as an ES module; a monorepo
   * may install mizan twice), and its refusals must keep their status. A
   * subclass is tested as usual.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== MizanHttpError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

const BRAND = Symbol.for("mizan.MizanHttpError");
Object.defineProperty(MizanHttpError.prototype, BRAND, { value: true });

// RFC 9110's token, what a field name is; a field value is tab, visible
// characters, space and obs-text (what node:http and Fetch's Headers accept).
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// The body's framing is the server's to write, and the error shape fixes its
// type and caching: an error's own value would break the response or the shape.
const SERVER_OWNED = new Set(["content-length", "transfer-encoding", "te", "trailer", "upgrade", "keep-alive", "proxy-connection", "content-type", "cache-control"]);

/**
 * An error's headers, names lowercased, checked where the error is made: a
 * CR or LF in a value would otherwise fail only when the response is written,
 * as a 500 nobody hears of.
 */
function checkedHeaders(headers: Record<string, string>): Record<string, string> {
  const checked: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (!FIELD_NAME.test(name)) throw new TypeError(`mizan: MizanHttpError header name ${JSON.stringify(name)} is not an HTTP field name`);
    const lower = name.toLowerCase();
    if (SERVER_OWNED.has(lower)) throw new TypeError(`mizan: MizanHttpError cannot set ${lower}: the error response writes its own`);
    if (typeof value !== "string" || !FIELD_VALUE.test(value)) {
      throw new TypeError(`mizan: MizanHttpError header ${lower} has a value that is not a string of HTTP field characters (no CR, LF or NUL)`);
    }
    if (Object.hasOwn(checked, lower)) throw new TypeError(`mizan: MizanHttpError header ${lower} is given twice`);
    checked[lower] = value;
  }
  return checked;
}

/**
 * @deprecated The former name of MizanHttpError (mizan/client's error had
 * the same name); kept so existing code compiles, to be removed in the next
 * major version.
 */
export const MizanError = MizanHttpError;
/** @deprecated Use MizanHttpError. */
export type MizanError = MizanHttpError;

export const INTERNAL_MESSAGE = "internal server error";

export function errorOutgoing(error: MizanHttpError): Outgoing {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.issues !== undefined) body.error.issues = error.issues;
  return {
    status: error.status,
    headers: { ...error.headers, "content-type": JSON_TYPE, "cache-control": "no-store" },
    body: canonicalJson(body),
  };
}

export function internalOutgoing(): Outgoing {
  return errorOutgoing(new MizanHttpError("internal", INTERNAL_MESSAGE));
}

/** zod issues in the wire form: path, message and zod's code. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): ErrorIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)),
    message: issue.code === "invalid_key" ? keyMessage(issue) : issue.message,
    code: issue.code,
  }));
}

/** A refused record key says why (zod's message alone is "Invalid key in record"; the key's check, such as a template literal's, is nested). */
function keyMessage(issue: z.core.$ZodIssueInvalidKey): string {
  const why = issue.issues[0]?.message;
  return why === undefined ? issue.message : `${issue.message}: ${why}`;
}

/** Schemas found to validate asynchronously (an app's schema with an async refinement): parsed async from then on. */
const asyncSchemas = new WeakSet<z.ZodType>();

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
export const ALL_ISSUES_MAX_BYTES = 2048;

/**
 * Validates with a generated schema; a mismatch is a 400 carrying zod's
 * issues. Synchronous, unless the schema holds an app's schema that is
 * validated awaiting (any zod schema, or one that answered with a promise):
 * then a promise, and that route table schema is parsed awaiting from then
 * on (the first such parse reads the wire twice). `bytes`: the size of the
 * body `input` was read from (see ALL_ISSUES_MAX_BYTES).
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string, bytes = 0): z.output<T> | Promise<z.output<T>> {
  const stopEarly = bytes > ALL_ISSUES_MAX_BYTES;
  if (asyncSchemas.has(schema)) return parseAwaiting(schema, input, what, stopEarly);
  parsing.metPromise = false;
  parsing.stopEarly = stopEarly;
  let parsed: z.ZodSafeParseResult<z.output<T>>;
  try {
    parsed = stopEarly ? schema.safeParse(input, STOP_AT_FIRST_ISSUE) : schema.safeParse(input);
  } catch (error) {
    throw tooManyIssues(error, what);
  } finally {
    parsing.stopEarly = false;
  }
  if (!parsing.metPromise) return parsedData(parsed, what, stopEarly);
  asyncSchemas.add(schema);
  return parseAwaiting(schema, input, what, stopEarly);
}

function parseAwaiting<T extends z.ZodType>(schema: T, input: unknown, what: string, stopEarly: boolean): Promise<z.output<T>> {
  parsing.async = true;
  parsing.stopEarly = stopEarly;
  try {
    // An async method: whatever the parse throws arrives as a rejection.
    return schema.safeParseAsync(input, stopEarly ? STOP_AT_FIRST_ISSUE : undefined).then(
      (parsed) => parsedData(parsed, what, stopEarly),
      (error: unknown) => {
        throw tooManyIssues(error, what);
      },
    );
  } finally {
    parsing.async = false;
    parsing.stopEarly = false;
  }
}

/**
 * zod's awaiting object parse spreads a member's issues into one call's
 * arguments, which overflows the stack past about 120,000 of them (what zod
 * cannot stop early: an unknown key or a record's value per element of a
 * large body). Only a value that fails has that many issues: a 400. Any
 * other exception is passed on.
 */
function tooManyIssues(error: unknown, what: string): unknown {
  if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) return error;
  return new MizanHttpError("bad_request", `invalid ${what} (too many issues to list)`);
}

/**
 * Issues a 400 lists: a 2 KiB body of wrong array elements has thousands,
 * whose answer would be tens of times larger than the body. The message
 * counts the rest.
 */
export const MAX_ISSUES = 100;

function parsedData<Data>(parsed: z.ZodSafeParseResult<Data>, what: string, stoppedEarly: boolean): Data {
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  if (stoppedEarly) {
    const message = `invalid ${what} (a body over ${ALL_ISSUES_MAX_BYTES} bytes is not searched for every issue)`;
    throw new MizanHttpError("bad_request", message, { issues: toIssues(issues.slice(0, MAX_ISSUES)) });
  }
  if (issues.length <= MAX_ISSUES) throw new MizanHttpError("bad_request", `invalid ${what}`, { issues: toIssues(issues) });
  const message = `invalid ${what} (the first ${MAX_ISSUES} of ${issues.length} issues)`;
  throw new MizanHttpError("bad_request", message, { issues: toIssues(issues.slice(0, MAX_ISSUES)) });
}
