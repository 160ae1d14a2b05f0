// Cache keys (PROTOCOL §7): HMAC-SHA256 with a derived key over an
// unambiguous encoding; the principal is mandatory where the context needs it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { createHmac } from "node:crypto";
import { MemoryCache, defaultPrincipalKey } from "mizan/cache";
// By path (internals the package does not export); the error class from the same module as the keyer.
import { CacheKeyer, MissingPrincipalError, QueryKeys, deriveKeyingKey, encodeKeyInput } from "../../runtime/cache/keys.js";
import { instanceTags, purgePlan } from "../../runtime/cache/tags.js";
import { targetMatches } from "mizan/protocol";
import { SECRET } from "./app.js";

const keyer = new CacheKeyer(SECRET);

test("a key is base64url of an HMAC-SHA256 under a key derived from the secret, not the secret itself", () => {
  const key = keyer.key("user", { userId: 5 }, "u1", true);
  assert.match(key, /^[A-Za-z0-9_-]{43}$/);
  const input = encodeKeyInput("user", { userId: 5 }, "u1");
  assert.is(key, createHmac("sha256", deriveKeyingKey(SECRET)).update(input).digest("base64url"));
  assert.is.not(key, createHmac("sha256", SECRET).update(input).digest("base64url"));
  assert.is.not(key, new CacheKeyer(`${SECRET}x`).key("user", { userId: 5 }, "u1", true));
});

test("the encoding is canonical JSON of version, context, sorted params and principal", () => {
  assert.is(encodeKeyInput("user", { userId: 5, status: "open" }, "u1"), '[1,"user",{"status":"open","userId":5},"u1"]');
  assert.is(encodeKeyInput("catalog", {}, null), '[1,"catalog",{},null]');
});

test("a user-scoped key without a principal throws; a public one ignores the principal", () => {
  assert.throws(() => keyer.key("user", { userId: 5 }, null, true), (error: unknown) => error instanceof MissingPrincipalError);
  assert.throws(() => keyer.key("user", { userId: 5 }, undefined, true), (error: unknown) => error instanceof MissingPrincipalError);
  assert.is(keyer.key("catalog", {}, "u1", false), keyer.key("catalog", {}, "u2", false));
  assert.is(keyer.key("catalog", {}, null, false), keyer.key("catalog", {}, "u2", false));
  assert.is.not(keyer.key("user", { userId: 5 }, "u1", true), keyer.key("user", { userId: 5 }, "u2", true));
});

test("a short secret is refused; the default principal key reads a string, a number or an id", () => {
  assert.throws(() => new MemoryCache({ secret: "short" }), /at least 32 bytes/);
  assert.is(defaultPrincipalKey("alice"), "alice");
  assert.is(defaultPrincipalKey(7), "7");
  assert.is(defaultPrincipalKey({ id: 9, name: "x" }), "9");
  assert.throws(() => defaultPrincipalKey({ name: "x" }), /principalKey/);
});

const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const value = fc.oneof(scalar, fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }));
const params = fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 });
const principal = fc.option(fc.string({ maxLength: 8 }), { nil: null });
const input = fc.record({ context: fc.string({ maxLength: 6 }), params, principal });

test("the keys of recent reads are remembered by query, except a long query's, which would hold its text outside any budget", () => {
  const memo = new QueryKeys();
  memo.set("userId=1", "u1", "k1");
  memo.set(`q=${"x".repeat(600)}`, null, "k2");
  assert.is(memo.get("userId=1", "u1"), "k1");
  assert.is(memo.get("userId=1", "u2"), undefined);
  assert.is(memo.get(`q=${"x".repeat(600)}`, null), undefined);
});

test("property: different inputs never share an encoding (so never a key), however the values split", () => {
  fc.assert(
    fc.property(input, input, (a, b) => {
      const same =
        a.context === b.context &&
        a.principal === b.principal &&
        JSON.stringify(Object.entries(a.params).sort()) === JSON.stringify(Object.entries(b.params).sort());
      const encA = encodeKeyInput(a.context, a.params, a.principal);
      const encB = encodeKeyInput(b.context, b.params, b.principal);
      return same ? encA === encB : encA !== encB || sameJson(a.params, b.params);
    }),
    { numRuns: 3000 },
  );
  // The splits a "|" join confused: a name or value holding the separator.
  const pairs: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ a: "b|c" }, { "a|b": "c" }],
    [{ a: "1", b: "2" }, { a: "1|b=2" }],
    [{ a: ["x", "y"] }, { a: "x,y" }],
    [{ a: 5 }, { a: "5" }],
    [{}, { a: null }],
  ];
  for (const [x, y] of pairs) assert.is.not(keyer.key("c", x, "p", true), keyer.key("c", y, "p", true), JSON.stringify([x, y]));
  assert.is.not(keyer.key("a|b", {}, "c", true), keyer.key("a", {}, "b|c", true));
});

/** -0 and 0, or 1.0 and 1, are one JSON value: the same key is right for them. */
function sameJson(a: object, b: object): boolean {
  return encodeKeyInput("", a as Record<string, unknown>, null) === encodeKeyInput("", b as Record<string, unknown>, null);
}

test("property: param order never changes the key", () => {
  fc.assert(
    fc.property(input, fc.infiniteStream(fc.integer()), (a, seeds) => {
      const entries = Object.entries(a.params);
      const shuffled = entries
        .map((entry) => [seeds.next().value, entry] as const)
        .sort((x, y) => x[0] - y[0])
        .map(([, entry]) => entry);
      return keyer.key(a.context, Object.fromEntries(shuffled), a.principal ?? "p", true) === keyer.key(a.context, a.params, a.principal ?? "p", true);
    }),
    { numRuns: 1000 },
  );
});

test("property: a user-scoped key always carries the principal", () => {
  fc.assert(
    fc.property(input, fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, p1, p2) => {
      const k1 = keyer.key(a.context, a.params, p1, true);
      const k2 = keyer.key(a.context, a.params, p2, true);
      return (p1 === p2) === (k1 === k2);
    }),
    { numRuns: 2000 },
  );
});

// The tags a purge deletes by are exactly §4's targetMatches.
const names = ["a", "b", "c"];
const instance = fc.record(
  { a: fc.oneof(fc.constantFrom("1", "2"), fc.array(fc.constantFrom("1", "2", "3"), { maxLength: 2 })), b: fc.constantFrom("1", "2", "x"), c: fc.constantFrom(1, 2) },
  { requiredKeys: [] },
);
const targetParams = fc.record({ a: fc.constantFrom("1", "2", "3"), b: fc.constantFrom("1", "x"), d: fc.constant("9") }, { requiredKeys: [] });

test("property: a purge plan deletes exactly the instances targetMatches hits, and bumps a tag each of them carries", () => {
  fc.assert(
    fc.property(instance, targetParams, fc.boolean(), (inst, tparams, broad) => {
      const target = broad || Object.keys(tparams).length === 0 ? "ctx" : { context: "ctx", params: tparams };
      const plan = purgePlan(target, names);
      const tags = new Set(instanceTags("ctx", names, inst));
      const deleted = plan.groups.every((group) => group.some((tag) => tags.has(tag)));
      const bumped = plan.bump.some((tag) => tags.has(tag));
      const matches = targetMatches(target, "ctx", inst);
      return deleted === matches && (!matches || bumped);
    }),
    { numRuns: 3000 },
  );
  // The brief's case: {userId: 5} hits {userId: 5} and instances without userId, never {userId: 6}.
  const plan = purgePlan({ context: "user", params: { userId: 5 } }, ["status", "userId"]);
  const hit = (params: Record<string, unknown>) => {
    const tags = new Set(instanceTags("user", ["status", "userId"], params));
    return plan.bump.some((tag) => tags.has(tag));
  };
  assert.ok(hit({ userId: 5 }));
  assert.ok(hit({ userId: 5, status: "open" }));
  assert.ok(hit({ status: "open" }));
  assert.not.ok(hit({ userId: 6 }));
  assert.not.ok(hit({ userId: 6, status: "open" }));
});

test.run();
