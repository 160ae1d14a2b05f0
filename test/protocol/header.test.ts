import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {
  fitInvalidateTargets,
  formatInvalidateHeader,
  INVALIDATE_HEADER_LIMIT,
  normalizeTargets,
  parseInvalidateHeader,
  targetParts,
  type Target,
} from "mizan/protocol";
import { name, stringly, target, text } from "./arbitraries.js";

// The grammar of PROTOCOL §5 over what encodeURIComponent can emit; a name
// (context, fn) additionally never has a raw ".".
const NAME = "[A-Za-z0-9_!~*'()%-]+";
const PNAME = "[A-Za-z0-9_.!~*'()%-]+";
const VALUE = "[A-Za-z0-9_.!~*'()%-]*";
const TARGET = `${NAME}(?:\\.${NAME})?(?:;${PNAME}=${VALUE})*`;
const GRAMMAR = new RegExp(`^(?:${TARGET}(?:, ${TARGET})*)?$`);

test("the PROTOCOL examples", () => {
  assert.is(formatInvalidateHeader([{ context: "user", params: { userId: 5 } }, "notifications"]), "notifications, user;userId=5");
  assert.is(formatInvalidateHeader([{ context: "user", fn: "userProfile", params: { userId: 5 } }]), "user.userProfile;userId=5");
  assert.is(formatInvalidateHeader([{ context: "search", params: { q: "a;b,c" } }]), "search;q=a%3Bb%2Cc");
  assert.equal(parseInvalidateHeader("user;userId=5, notifications"), [{ context: "user", params: { userId: "5" } }, "notifications"]);
  assert.equal(parseInvalidateHeader("user.userProfile;userId=5"), [{ context: "user", fn: "userProfile", params: { userId: "5" } }]);
  assert.is(formatInvalidateHeader([]), "");
});

test("a dot inside a context or fn name is escaped, so it cannot split the name", () => {
  const header = formatInvalidateHeader([{ context: "a.b", fn: "c.d", params: { "e.f": "g.h" } }]);
  assert.is(header, "a%2Eb.c%2Ed;e.f=g.h");
  assert.equal(parseInvalidateHeader(header), [{ context: "a.b", fn: "c.d", params: { "e.f": "g.h" } }]);
});

test("parsing over-invalidates what it cannot read, and tolerates spacing", () => {
  assert.equal(parseInvalidateHeader(null), []);
  assert.equal(parseInvalidateHeader("  "), []);
  assert.equal(parseInvalidateHeader("a,,b ,  c"), ["a", "b", "c"]);
  assert.equal(parseInvalidateHeader("user;userId"), ["user"]);
  assert.equal(parseInvalidateHeader("user;=5"), ["user"]);
  assert.equal(parseInvalidateHeader("user;userId=%ZZ"), ["user"]);
  assert.equal(parseInvalidateHeader("user.%ZZ;userId=1"), ["user"]);
  assert.equal(parseInvalidateHeader("user.;userId=1"), ["user"]);
  assert.equal(parseInvalidateHeader("%ZZ;x=1, ok"), ["ok"]);
  const [proto] = parseInvalidateHeader("user;__proto__=1") as { params: object }[];
  assert.equal(Object.entries(proto!.params), [["__proto__", "1"]], "a param, not a prototype");
});

test("property: format then parse gives back the normalized targets, values as strings", () => {
  fc.assert(
    fc.property(fc.array(target, { maxLength: 6 }), (targets) => {
      const parsed = parseInvalidateHeader(formatInvalidateHeader(targets));
      assert.equal(parsed, normalizeTargets(targets.map(stringly)));
    }),
    { numRuns: 500 },
  );
});

test("property: the header follows the grammar: no raw separator inside a value, no control character, ASCII only", () => {
  fc.assert(
    fc.property(fc.array(target, { maxLength: 6 }), (targets) => {
      const header = formatInvalidateHeader(targets);
      assert.ok(GRAMMAR.test(header), header);
      assert.not.match(header, /[^\x20-\x7e]/);
    }),
    { numRuns: 500 },
  );
});

test("property: a lone surrogate becomes U+FFFD instead of throwing", () => {
  fc.assert(
    fc.property(name, fc.string({ unit: "binary" }), (context, value) => {
      const [parsed] = parseInvalidateHeader(formatInvalidateHeader([{ context, params: { v: value } }]));
      assert.is((parsed as { params: Record<string, string> }).params.v, value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
    }),
    { numRuns: 300 },
  );
});

/** `a` covers `b`: same context, fn absent or equal, params a subset compared as strings. */
function covers(a: Target, b: Target): boolean {
  const pa = targetParts(a);
  const pb = targetParts(b);
  if (pa.context !== pb.context || (pa.fn !== undefined && pa.fn !== pb.fn)) return false;
  return Object.entries(pa.params).every(([key, v]) => Object.hasOwn(pb.params, key) && String(pb.params[key]) === String(v));
}

const bulky = fc.array(
  fc.oneof(
    name,
    fc.record({ context: fc.constantFrom("a", "b", "c", "d"), params: fc.dictionary(name, text(0, 400), { minKeys: 1, maxKeys: 3 }) }),
  ),
  { maxLength: 60 },
);

test("property: fitting keeps the header within 8 KiB when broad targets fit, drops no context, covers every target", () => {
  fc.assert(
    fc.property(bulky, (targets) => {
      const fitted = fitInvalidateTargets(targets);
      const header = formatInvalidateHeader(fitted);
      const contexts = [...new Set(targets.map((t) => targetParts(t).context))].sort();
      const broadOnly = formatInvalidateHeader(contexts);
      if (broadOnly.length <= INVALIDATE_HEADER_LIMIT) assert.ok(header.length <= INVALIDATE_HEADER_LIMIT, `${header.length}`);
      assert.equal([...new Set(fitted.map((t) => targetParts(t).context))].sort(), contexts);
      for (const original of targets) assert.ok(fitted.some((f) => covers(f, original)), JSON.stringify(original));
      assert.equal(fitted, normalizeTargets(fitted), "already normal");
    }),
    { numRuns: 300 },
  );
});

test("fitting collapses the widest context first and leaves a list that fits untouched", () => {
  const small: Target[] = [{ context: "a", params: { id: 1 } }, { context: "b", params: { id: 2 } }];
  assert.equal(fitInvalidateTargets(small), small);
  const wide: Target[] = [{ context: "a", params: { q: "x".repeat(9000) } }, { context: "b", params: { id: 2 } }];
  assert.equal(fitInvalidateTargets(wide), ["a", { context: "b", params: { id: 2 } }]);
  const many = Array.from({ length: 3000 }, (_, i) => `context${i}`);
  assert.is(fitInvalidateTargets(many).length, 3000, "broad targets are never dropped, even past the limit");
});

test("a list is fitted without formatting only when even its widest encoding fits", () => {
  // "€" and a lone surrogate (sent as U+FFFD) encode to 9 characters each: the most any UTF-16 unit takes.
  for (const wide of ["€", "\uD800", "."]) {
    for (let count = 880; count <= 920; count++) {
      const targets: Target[] = [{ context: "c", params: { [wide.repeat(3)]: wide.repeat(count - 3) } }];
      const header = formatInvalidateHeader(fitInvalidateTargets(targets));
      assert.ok(header.length <= INVALIDATE_HEADER_LIMIT, `${count} × ${JSON.stringify(wide)}: ${header.length}`);
    }
  }
});

test.run();
