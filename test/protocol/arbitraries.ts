// fast-check arbitraries for targets whose names and values carry every
// character that could break the header: separators, percent, quotes,
// whitespace, CR/LF and other controls, dots and non-ASCII.
import fc from "fast-check";
import type { ParamValue, Target } from "mizan/protocol";

const tricky = fc.constantFrom(";", ",", "=", "%", "%2C", ".", " ", '"', "'", "\r", "\n", "\t", "\u0000", "\u007f", "é", "日", "🎉", "\\", "/", "+", "&", "?", "#");
const char = fc.oneof(tricky, fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), fc.constantFrom("a", "b", "Z", "0", "9", "_", "-"));

export const text = (minLength = 0, maxLength = 12) => fc.string({ unit: char, minLength, maxLength });
export const name = text(1, 10);
export const value: fc.Arbitrary<ParamValue> = fc.oneof(
  text(0, 20),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
export const params = fc.dictionary(name, value, { maxKeys: 4 });

export const target: fc.Arbitrary<Target> = fc.oneof(
  name,
  fc.record({ context: name, params }),
  fc.record({ context: name, fn: name }, { requiredKeys: ["context", "fn"] }),
  fc.record({ context: name, fn: name, params }),
);

/** Few distinct names and values, so duplicates and subsumption happen often. */
const smallName = fc.constantFrom("a", "b", "c");
const smallValue: fc.Arbitrary<ParamValue> = fc.constantFrom(1, "1", 2, "x", true, "true");
const smallParams = fc.dictionary(fc.constantFrom("p", "q"), smallValue, { maxKeys: 2 });
export const crowdedTarget: fc.Arbitrary<Target> = fc.oneof(
  smallName,
  fc.record({ context: smallName, params: smallParams }),
  fc.record({ context: smallName, fn: fc.constantFrom("f", "g") }),
  fc.record({ context: smallName, fn: fc.constantFrom("f", "g"), params: smallParams }),
);

/** A list and a permutation of it. */
export function permuted<T>(item: fc.Arbitrary<T>, maxLength = 12): fc.Arbitrary<[T[], T[]]> {
  return fc
    .array(item, { maxLength })
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }).map((shuffled) => [list, shuffled] as [T[], T[]]));
}

/** The same target with its values as strings: what a header carries. */
export function stringly(target: Target): Target {
  if (typeof target === "string" || target.params === undefined) return target;
  const params = Object.fromEntries(Object.entries(target.params).map(([key, v]) => [key, String(v)]));
  return { ...target, params };
}
