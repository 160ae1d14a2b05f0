// Schema pieces the generated route table uses for what plain zod does not
// say directly: query strings read as their declared types, dates, and the
// application's own schemas (any Standard Schema: zod 3 or 4, valibot…).
import { z } from "zod";

/** Standard Schema v1 (standardschema.dev), as much of it as validating needs. */
export interface StandardSchema<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
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
export const parsing = ((globalThis as Record<symbol, Parsing | undefined>)[Symbol.for("mizan.wire.parsing")] ??= {
  async: false,
  metPromise: false,
  stopEarly: false,
});

interface Parsing {
  async: boolean;
  metPromise: boolean;
  /** The parse stops at its first issue (a large body: ALL_ISSUES_MAX_BYTES in errors.ts), and so do the app's schemas. */
  stopEarly: boolean;
}

// zod's ParseContext does not declare `abortEarly` yet, but every parse reads it (zod ≥ 4.6).
export const STOP_AT_FIRST_ISSUE = { abortEarly: true } as z.core.ParseContext<z.core.$ZodIssue>;

type Context = z.core.$RefinementCtx;

function standardResult<Output>(result: StandardResult<Output>, ctx: Context, value: unknown, stopEarly: boolean): Output {
  if (result.issues === undefined) return result.value;
  // A schema of another library cannot be told to stop early: of its issues, the first only.
  for (const issue of stopEarly ? result.issues.slice(0, 1) : result.issues) {
    const path = (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment));
    ctx.issues.push({ code: "custom", message: issue.message, path, input: value });
  }
  return z.NEVER;
}

function threw(ctx: Context, value: unknown): never {
  ctx.issues.push({ code: "custom", message: "the schema threw on this value", path: [], input: value });
  return z.NEVER;
}

/**
 * A zod schema (3, 4 or mini) is only ever validated awaiting. Its
 * Standard Schema `validate` tries a synchronous parse first, which starts
 * an async refinement and drops its promise when it meets it: a refinement
 * that then rejects is an unhandled rejection, which ends a Node process.
 * `safeParseAsync` keeps every promise it starts.
 */
function zodParseAsync(schema: StandardSchema): ((value: unknown, stopEarly: boolean) => Promise<StandardResult<unknown>>) | undefined {
  const own = schema as { safeParseAsync?: unknown; "~standard": { vendor: string } };
  if (own["~standard"].vendor !== "zod" || typeof own.safeParseAsync !== "function") return undefined;
  const parse = own.safeParseAsync as (value: unknown, context?: unknown) => Promise<{ success: boolean; data?: unknown; error?: { issues: StandardIssue[] } }>;
  return (value, stopEarly) =>
    parse.call(schema, value, stopEarly ? STOP_AT_FIRST_ISSUE : undefined).then((r) => (r.success ? { value: r.data } : { issues: r.error?.issues ?? [] }));
}

/** What a Standard Schema outputs. */
export type StandardOutput<S extends StandardSchema> = NonNullable<S["~standard"]["types"]>["output"];

// Unambiguous, so a refusal is linear: each character has one way to match
// (`\d+\.?\d*` had two for a run of digits, and backtracked quadratically).
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Longest numeric string read: more than any double needs, short enough that no parse of it costs. */
export const MAX_NUMBER_LENGTH = 100;

/** A required query parameter left out: what was expected, rather than zod's "expected string" of the text read. */
const missing =
  (expected: string) =>
  (issue: { input?: unknown }): string | undefined =>
    issue.input === undefined ? `Invalid input: expected ${expected}, received nothing` : undefined;

export const wire = {
  /** `"5"` → 5; anything that is not a plain decimal number is rejected. */
  queryNumber: () =>
    z
      .string({ error: missing("number") })
      .max(MAX_NUMBER_LENGTH, { error: `a number is at most ${MAX_NUMBER_LENGTH} characters`, abort: true })
      .regex(NUMBER, "expected a number")
      .transform(Number)
      .pipe(z.number()),
  /** `true/false/1/0` only (never z.coerce.boolean, which takes "false" as true). */
  queryBoolean: () => z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"], error: missing("boolean") }),
  /** Repeated keys (`?id=1&id=2`) or a single value, as an array. */
  queryArray: <Item extends z.ZodType<unknown, string>>(item: Item) =>
    z
      .union([z.string(), z.array(z.string())], { error: missing("an array") })
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .pipe(z.array(item)),
  /**
   * A parameter declared as `schema`'s output: the wire read as `read` says
   * (the schema's input type: dates from ISO strings), then `schema`
   * validates, refinements included, and the function gets its output. Its
   * issues are the 400's. A schema that answers with a promise (an async
   * refinement; zod also answers so when a refinement throws) is awaited
   * (parseWith parses asynchronously); one that throws, or rejects, refused
   * the value: a 400 too, without its exception's text.
   */
  standard: <S extends StandardSchema, Read extends z.ZodType>(schema: S, read: Read) => {
    const parseAsync = zodParseAsync(schema);
    return read.transform((value, ctx): StandardOutput<S> | Promise<StandardOutput<S>> => {
      const stopEarly = parsing.stopEarly;
      const settle = (result: StandardResult<StandardOutput<S>>) => standardResult(result, ctx, value, stopEarly);
      // A synchronous parse cannot wait (zod's objects fail on a promise): it is refused here, and
      // parseWith parses again, awaiting.
      const refuse = () => {
        parsing.metPromise = true;
        ctx.issues.push({ code: "custom", message: "validated asynchronously", path: [], input: value });
        return z.NEVER;
      };
      if (parseAsync) return parsing.async ? parseAsync(value, stopEarly).then(settle, () => threw(ctx, value)) : refuse();
      let result: ReturnType<S["~standard"]["validate"]>;
      try {
        result = schema["~standard"].validate(value) as typeof result;
      } catch {
        return threw(ctx, value);
      }
      if (typeof (result as { then?: unknown }).then !== "function") return settle(result as StandardResult<StandardOutput<S>>);
      const settled = Promise.resolve(result as Promise<StandardResult<StandardOutput<S>>>).then(settle, () => threw(ctx, value));
      // `settled` never rejects, so dropping it is safe.
      return parsing.async ? settled : refuse();
    });
  },
  /**
   * A tuple whose last elements are optional and hold no null: JSON writes an
   * undefined element as null (`[1, undefined]` is sent as `[1,null]`), so
   * nulls at its end, from position `from` on, are read as absent elements
   * before the tuple is checked (a value longer than the tuple is left for
   * it to refuse). Typed as the tuple.
   */
  optionalTail: <T extends z.ZodType>(tuple: T, from: number): z.ZodType<z.output<T>, z.input<T>> => {
    const length = (tuple as unknown as { def: { items: readonly unknown[] } }).def.items.length;
    return z.preprocess((value) => {
      if (!Array.isArray(value) || value.length <= from || value.length > length || value[value.length - 1] !== null) return value;
      let end = value.length;
      while (end > from && value[end - 1] === null) end--;
      return value.slice(0, end);
    }, tuple) as unknown as z.ZodType<z.output<T>, z.input<T>>;
  },
  /** A `Date` parameter: an ISO 8601 string on the wire, a Date in the function. */
  date: () =>
    z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))], {
      error: "expected an ISO 8601 date-time with an offset, such as 2026-11-28T10:00:00Z",
    }),
};
