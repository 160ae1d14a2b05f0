// Schema pieces the generated route table uses for what plain zod does not
// say directly: query strings read as their declared types, and dates.
import { z } from "zod";

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export const wire = {
  /** `"5"` → 5; anything that is not a plain decimal number is rejected. */
  queryNumber: () => z.string().regex(NUMBER, "expected a number").transform(Number).pipe(z.number()),
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
