// The tag vocabulary (PROTOCOL §8): the alphabet, the lengths, the count,
// hashing, the overflow rule, and the one property that keeps a CDN from
// serving stale data: every instance a target matches (§4) carries one of
// the tags that target purges.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { targetMatches, type Target } from "mizan/protocol";
import {
  contextTag,
  instanceTags,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  paramSpec,
  canonicalValue,
  purgeTags,
  TAG_PATTERN,
  valueTag,
  wildcardTag,
  formatTagHeader,
  preparePurge,
} from "mizan/edge";
import { shortHash } from "../../runtime/edge/hash.js";
import { sha256 } from "../../runtime/protocol/sha256.js";
import { text, value } from "../protocol/arbitraries.js";

const contextName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/);
const paramName = fc.oneof(fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/), fc.constantFrom("userId", "userid", "UserId", "q", "slug"));
const longText = fc.string({ unit: "binary", minLength: 60, maxLength: 300 });
const anyValue = fc.oneof(value.map(String), longText, fc.constantFrom("A", "a", "", "_x", "a.b", "%41", "a;b,c=d", "é", "🎉", "-", "."));

test("SHA-256 agrees with node:crypto on any text (the hash an edge runtime computes without node:crypto)", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), longText), (input) => {
      const ours = Buffer.from(sha256(input)).toString("hex");
      assert.is(ours, createHash("sha256").update(Buffer.from(new TextEncoder().encode(input))).digest("hex"));
    }),
    { numRuns: 300 },
  );
  for (const length of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const input = "x".repeat(length);
    assert.is(Buffer.from(sha256(input)).toString("hex"), createHash("sha256").update(input).digest("hex"), `length ${length}`);
  }
  assert.match(shortHash("anything"), /^[a-z2-7]{16}$/);
});

test("the documented spelling", () => {
  assert.is(contextTag("user"), "mz.user");
  assert.is(valueTag("user", "userId", "5"), "mz.user.userid.5");
  assert.is(wildcardTag("user", "userId"), "mz.user.userid");
  assert.is(valueTag("search", "q", "a.b-c_d"), "mz.search.q.a.b-c_d");
  assert.is(valueTag("user", "userId", "A"), `mz.user.userid._${shortHash("A")}`);
  assert.is(valueTag("user", "userId", ""), `mz.user.userid._${shortHash("")}`);
  assert.is(valueTag("user", "userId", "_a"), `mz.user.userid._${shortHash("_a")}`);
  assert.is(contextTag("Catalog"), "mz.catalog");
  assert.is(contextTag("user", "shop2"), "shop2.user");
  assert.throws(() => preparePurge({ purgers: [], prefix: "Bad Prefix" }), /prefix/);
  assert.is(formatTagHeader("xkey", ["a", "b"]), "a b");
  assert.is(formatTagHeader("Surrogate-Key", ["a", "b"]), "a b");
  assert.is(formatTagHeader("Cache-Tag", ["a", "b"]), "a,b");
});

test("values that lowercasing would merge get different tags: A, a; and the hashed form never equals a plain one", () => {
  assert.is.not(valueTag("c", "p", "A"), valueTag("c", "p", "a"));
  assert.is.not(valueTag("c", "p", "Ab"), valueTag("c", "p", "ab"));
  fc.assert(
    fc.property(anyValue, anyValue, (a, b) => {
      fc.pre(a !== b);
      assert.is.not(valueTag("ctx", "param", a), valueTag("ctx", "param", b));
    }),
    { numRuns: 500 },
  );
});

test("every tag is lowercase [a-z0-9._-] and at most 64 characters, for any name and value", () => {
  fc.assert(
    fc.property(contextName, paramName, anyValue, (context, param, v) => {
      for (const tag of [contextTag(context), wildcardTag(context, param), valueTag(context, param, v)]) {
        assert.ok(TAG_PATTERN.test(tag), tag);
        assert.ok(tag.length <= MAX_TAG_LENGTH, tag);
        assert.ok(tag.startsWith("mz."), tag);
      }
    }),
    { numRuns: 1000 },
  );
  const long = "x".repeat(500);
  assert.is(valueTag("user", "q", long), `mz.user.q._${shortHash(long)}`, "a long value is hashed, the names kept");
  const longContext = `c${"x".repeat(62)}`;
  assert.match(contextTag(longContext), /^mz\._[a-z2-7]{16}$/, "a context tag over 64 characters is hashed whole");
  assert.is.not(contextTag(longContext), contextTag(`${longContext.slice(0, -1)}y`));
});

const arrayParams = fc.dictionary(
  fc.constantFrom("a", "b", "c", "Tags"),
  fc.oneof(anyValue, fc.array(anyValue, { minLength: 0, maxLength: 160 })),
  { maxKeys: 4 },
);

test("at most 100 tags per instance; the context tag always; overflow keeps a wildcard in place of values, never drops a param", () => {
  fc.assert(
    fc.property(arrayParams, fc.subarray(["a", "b", "c", "d"]), (params, declared) => {
      const tags = instanceTags("board", declared, params);
      assert.ok(tags.length <= MAX_TAGS, `${tags.length} tags`);
      assert.ok(tags.includes("mz.board"));
      assert.equal(tags, [...new Set(tags)].sort());
      for (const name of new Set([...declared, ...Object.keys(params)])) {
        const lower = name.toLowerCase();
        assert.ok(tags.some((t) => t === `mz.board.${lower}` || t.startsWith(`mz.board.${lower}.`)), `param ${name} is represented`);
      }
    }),
    { numRuns: 300 },
  );
  const many = Array.from({ length: 150 }, (_, i) => `v${i}`);
  const tags = instanceTags("board", ["tags", "page"], { tags: many, page: "2" });
  assert.equal(tags, ["mz.board", "mz.board.page.2", "mz.board.tags"], "the 150 values collapse to the wildcard");
  const fits = instanceTags("board", ["tags"], { tags: many.slice(0, 99) });
  assert.is(fits.length, 100, "99 values and the context tag fit exactly");
  assert.throws(() => instanceTags("wide", Array.from({ length: 100 }, (_, i) => `p${i}`), {}), /cannot be tagged/);
});

// Instances and targets over few names and values, so that matches happen often.
const small = fc.constantFrom("1", "2", "x", "X", "a b", "é");
const instanceParams = fc.dictionary(fc.constantFrom("p", "q", "r"), fc.oneof(small, fc.array(small, { maxLength: 3 })), { maxKeys: 3 });
const targetOf: fc.Arbitrary<Target> = fc.oneof(
  fc.constant("ctx"),
  fc.record({ context: fc.constant("ctx"), params: fc.dictionary(fc.constantFrom("p", "q", "r"), small, { minKeys: 1, maxKeys: 3 }) }),
  fc.record({ context: fc.constant("ctx"), fn: fc.constant("f"), params: fc.dictionary(fc.constantFrom("p", "q"), small, { maxKeys: 2 }) }),
);

test("every instance a target matches (§4) carries a tag the target purges: no stale entry, with or without overflow", () => {
  fc.assert(
    fc.property(instanceParams, targetOf, fc.boolean(), (params, target, crowd) => {
      const given = crowd ? { ...params, r: Array.from({ length: 120 }, (_, i) => String(i)) } : params;
      const declared = ["p", "q", "r"];
      fc.pre(targetMatches(target, "ctx", given));
      const carried = new Set(instanceTags("ctx", declared, given));
      const purged = purgeTags([target], "mz", () => new Set(declared));
      assert.ok(purged.some((tag) => carried.has(tag)), `${JSON.stringify(target)} must reach ${JSON.stringify(params)}`);
    }),
    { numRuns: 2000 },
  );
});

test("purge tags: broad → the context tag; scoped → the value and wildcard tags of its first declared param", () => {
  assert.equal(purgeTags(["user"]), ["mz.user"]);
  assert.equal(purgeTags([{ context: "user", params: { userId: 5 } }]), ["mz.user.userid", "mz.user.userid.5"]);
  assert.equal(purgeTags([{ context: "user", fn: "userProfile" }]), ["mz.user"]);
  assert.equal(purgeTags([{ context: "board", params: { board: "a", author: "b" } }]), ["mz.board.author", "mz.board.author.b"]);
  const declared = (context: string) => (context === "board" ? new Set(["board"]) : undefined);
  assert.equal(purgeTags([{ context: "board", params: { board: "a", author: "b" } }], "mz", declared), ["mz.board.board", "mz.board.board.a"]);
  assert.equal(purgeTags([{ context: "gone", params: { x: 1 } }], "mz", declared), ["mz.gone"], "an undeclared param purges the context");
  assert.equal(purgeTags([{ context: "search", params: { q: "a;b,c=d%" } }]), ["mz.search.q", `mz.search.q._${shortHash("a;b,c=d%")}`]);
  assert.equal(purgeTags(["a", "a", { context: "a", params: { p: 1 } }]), ["mz.a", "mz.a.p", "mz.a.p.1"]);
});

test("parameter types from the manifest: numbers and booleans are read as the origin reads them", () => {
  assert.equal(paramSpec("number"), { kind: "number", array: false });
  assert.equal(paramSpec("1 | 2"), { kind: "number", array: false });
  assert.equal(paramSpec("boolean"), { kind: "boolean", array: false });
  assert.equal(paramSpec('"a" | "b"'), { kind: "string", array: false });
  assert.equal(paramSpec("string[]"), { kind: "string", array: true });
  assert.equal(paramSpec("readonly (1 | 2)[]"), { kind: "number", array: true });
  assert.equal(paramSpec("Array<number>"), { kind: "number", array: true });
  assert.is(canonicalValue("number", "05"), "5");
  assert.is(canonicalValue("number", "5.0"), "5");
  assert.is(canonicalValue("number", "1e21"), String(1e21));
  assert.is(canonicalValue("number", "abc"), "abc");
  assert.is(canonicalValue("boolean", "1"), "true");
  assert.is(canonicalValue("boolean", "0"), "false");
  assert.is(canonicalValue("string", "05"), "05");
  fc.assert(fc.property(text(0, 10), (raw) => void assert.type(canonicalValue("number", raw), "string")));
});

test.run();
