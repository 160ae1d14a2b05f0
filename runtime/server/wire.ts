// Schema pieces the generated route table uses for what plain zod does not
// say directly: query strings read as their declared types, and dates.
import { z } from "zod";

// Unambiguous, so a refusal is linear: each character has one way to match
// (`\d+\.?\d*` had two for a run of digits, and backtracked quadratically).
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Longest numeric string read: more than any double needs, short enough that no parse of it costs. */
export const MAX_NUMBER_LENGTH = 100;

export const wire = {
  /** `"5"` → 5; anything that is not a plain decimal number is rejected. */
  queryNumber: () =>
    z
      .string()
      .max(MAX_NUMBER_LENGTH, { error: `a number is at most ${MAX_NUMBER_LENGTH} characters`, abort: true })
      .regex(NUMBER, "expected a number")
      .transform(Number)
      .pipe(z.number()),
  /** `true/false/1/0` only (never z.coerce.boolean, which takes "false" as true). */
  queryBoolean: () => z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] }),
  /** Repeated keys (`?id=1&id=2`) or a single value, as an array. */
  queryArray: <Item extends z.ZodType<unknown, string>>(item: Item) =>
    z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .pipe(z.array(item)),
  /** A `Date` parameter: an ISO 8601 string on the wire, a Date in the function. */
  date: () =>
    z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]),
};
