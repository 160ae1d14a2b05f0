// The memory tier's LRU: an entry read while among the older half goes to
// the recent end; one read while among the newer half stays where it is
// (moving it on every hit would rewrite the list for nothing), and eviction takes the
// oldest end.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { targetMatches, type Target } from "mizan/protocol";
import { MemoryStore } from "../../runtime/cache/memory-store.js";
import { instanceTags, purgePlan } from "../../runtime/cache/tags.js";

const ENTRY = { body: "x".repeat(10), headers: { etag: '"x"' } };

function filled(count: number): MemoryStore {
  // Room for exactly `count` entries of 100 bytes.
  const store = new MemoryStore(count * 100, 1000);
  for (let i = 1; i <= count; i++) fill(store, `k${i}`);
  return store;
}

function fill(store: MemoryStore, key: string): void {
  assert.ok(store.fill(key, [], store.snapshot([]), ENTRY, 60_000, 100));
}

const present = (store: MemoryStore, key: string) => store.lookup(key, () => []).hit !== undefined;

test("a read entry from the older half survives the next eviction", () => {
  const store = filled(8);
  assert.ok(present(store, "k1"));
  fill(store, "k9");
  assert.is(store.evictions, 1);
  assert.ok(present(store, "k1"), "k1 was read: it moved to the recent end");
  assert.not.ok(present(store, "k2"), "k2, the oldest unread, went");
});

test("without reads, eviction follows fill order", () => {
  const store = filled(8);
  fill(store, "k9");
  fill(store, "k10");
  assert.not.ok(present(store, "k1"));
  assert.not.ok(present(store, "k2"));
  assert.ok(present(store, "k3"));
});

test("a read entry from the newer half stays in place", () => {
  const store = filled(8);
  assert.ok(present(store, "k5"));
  for (let i = 9; i <= 13; i++) fill(store, `k${i}`);
  // Five evictions in fill order, k5 among them: its read did not move it.
  assert.not.ok(present(store, "k5"));
  assert.ok(present(store, "k6"));
});

// The reverse index keeps a tag with one key as the key itself and a Set
// only from the second key on: purges must find both forms, and a Set that
// shrinks back to one key must still be found.
function tagged(store: MemoryStore, key: string, tags: string[]): void {
  assert.ok(store.fill(key, tags, store.snapshot(tags), ENTRY, 60_000, 100));
}
const plan = (tag: string) => ({ context: "c", bump: [tag], groups: [[tag]], broad: false });

test("a purge of a tag with one key removes that key only", () => {
  const store = new MemoryStore(10_000, 1000);
  tagged(store, "a", ["c", "c.id.1"]);
  tagged(store, "b", ["c", "c.id.2"]);
  store.purge([plan("c.id.1")]);
  assert.not.ok(present(store, "a"));
  assert.ok(present(store, "b"));
  assert.is(store.size, 1);
});

test("a purge of a tag with many keys removes them all", () => {
  const store = new MemoryStore(10_000, 1000);
  for (const key of ["a", "b", "c"]) tagged(store, key, ["c", "c.shared"]);
  tagged(store, "d", ["c", "c.other"]);
  store.purge([plan("c.shared")]);
  assert.is(store.size, 1);
  assert.ok(present(store, "d"));
});

test("a tag back to one key after evictions and refills is still purged", () => {
  const store = new MemoryStore(300, 1000);
  tagged(store, "a", ["c", "t"]);
  tagged(store, "b", ["c", "t"]);
  tagged(store, "a", ["c", "t"]); // refilled: still two keys under t
  tagged(store, "x", ["c", "u"]);
  tagged(store, "y", ["c", "u"]); // evicts b, the oldest: t has a alone
  assert.is(store.evictions, 1);
  assert.not.ok(present(store, "b"));
  store.purge([plan("t")]);
  assert.not.ok(present(store, "a"));
  assert.ok(present(store, "x") && present(store, "y"));
  assert.is(store.size, 2);
});

// A broad purge only bumps the context's generation; its entries are dropped
// when read (or evicted), so no set of all a context's keys is kept.
const broad = (context: string) => ({ context, bump: [context], groups: [[context]], broad: true });

test("a broad purge makes every entry of its context stale, and only those; a later fill is served", () => {
  const store = new MemoryStore(10_000, 1000);
  tagged(store, "a", ["c", "c.id.1"]);
  tagged(store, "b", ["c", "c.id.2"]);
  tagged(store, "other", ["d", "d.id.1"]);
  const before = store.snapshot(["c", "c.id.1"]);
  store.purge([broad("c")]);
  assert.not.ok(present(store, "a"));
  assert.not.ok(present(store, "b"));
  assert.ok(present(store, "other"));
  assert.is(store.size, 1, "the stale entries went as they were read");
  assert.not.ok(store.fill("a", ["c", "c.id.1"], before, ENTRY, 60_000, 100), "a fill from before the purge is refused");
  tagged(store, "a", ["c", "c.id.1"]);
  assert.ok(present(store, "a"));
  // A scoped purge of the same context still finds what was filled after the broad one.
  store.purge([plan("c.id.1")]);
  assert.not.ok(present(store, "a"));
});

test("resetting the generation counters makes every entry stale", () => {
  // Room for one generation: the second purge's bump resets them all.
  const store = new MemoryStore(10_000, 1);
  tagged(store, "a", ["c", "c.id.1"]);
  tagged(store, "b", ["d", "d.id.1"]);
  store.purge([plan("x.1")]);
  assert.ok(present(store, "a") && present(store, "b"));
  store.purge([plan("x.2")]);
  assert.not.ok(present(store, "a"));
  assert.not.ok(present(store, "b"));
});

test("the generation counters are reset once their tags' text passes an eighth of the budget: a long argument cannot pile up", () => {
  // 8 000 bytes of budget: 1 000 characters of tags.
  const store = new MemoryStore(8_000, 1000);
  tagged(store, "a", ["c", "c.id.1"]);
  store.purge([plan(`x.${"v".repeat(600)}`)]);
  assert.ok(present(store, "a"));
  store.purge([plan(`x.${"w".repeat(600)}`)]);
  assert.not.ok(present(store, "a"), "the counters were reset: what was stored before is stale");
});

test("the LRU list stays whole through removals from either end and the middle", () => {
  const store = filled(4);
  assert.ok(present(store, "k1")); // from the older half: it moves to the newest end
  fill(store, "k2"); // refill of a middle entry: it moves to the newest end
  fill(store, "k5");
  assert.is(store.evictions, 1);
  assert.not.ok(present(store, "k3"), "k3 was the oldest after k1 was read and k2 refilled");
  fill(store, "k6");
  fill(store, "k7");
  assert.ok(present(store, "k2") && present(store, "k6") && present(store, "k7"));
  store.clear();
  assert.is(store.size, 0);
  fill(store, "k8");
  assert.ok(present(store, "k8"));
});

// Absent-param tags are not in the reverse index: entries lacking the same
// params share a signature, which a scoped purge every one of them matches
// bumps. These check that a purge still drops exactly what targetMatches hits.
function stored(store: MemoryStore, key: string, context: string, names: string[], params: Record<string, unknown>): void {
  tagged(store, key, instanceTags(context, names, params));
}
const scoped = (context: string, params: Record<string, string | number>): Target => ({ context, params });

test("a scoped purge drops the entries lacking its param, and only the matching ones of the rest", () => {
  const store = new MemoryStore(10_000, 1000);
  const names = ["status", "userId"];
  stored(store, "five", "user", names, { userId: 5 });
  stored(store, "fiveOpen", "user", names, { userId: 5, status: "open" });
  stored(store, "six", "user", names, { userId: 6 });
  stored(store, "open", "user", names, { status: "open" });
  stored(store, "all", "user", names, {});
  stored(store, "other", "order", names, {});
  store.purge([purgePlan(scoped("user", { userId: 5 }), names)]);
  assert.equal(["five", "fiveOpen", "six", "open", "all", "other"].filter((key) => present(store, key)), ["six", "other"]);
  // Filled after the purge: served, and a later purge finds them again.
  stored(store, "open", "user", names, { status: "open" });
  stored(store, "five", "user", names, { userId: 5 });
  assert.ok(present(store, "open") && present(store, "five"));
  store.purge([purgePlan(scoped("user", { status: "done" }), names)]);
  assert.equal(["five", "six", "open"].filter((key) => present(store, key)), ["open"]);
});

test("a purge naming two params drops an entry lacking both, or lacking one and matching the other, never one with another value", () => {
  const store = new MemoryStore(10_000, 1000);
  const names = ["status", "userId"];
  stored(store, "none", "user", names, {});
  stored(store, "five", "user", names, { userId: 5 });
  stored(store, "six", "user", names, { userId: 6 });
  stored(store, "open", "user", names, { status: "open" });
  stored(store, "done", "user", names, { status: "done" });
  store.purge([purgePlan(scoped("user", { userId: 5, status: "open" }), names)]);
  assert.equal(["none", "five", "six", "open", "done"].filter((key) => present(store, key)), ["six", "done"]);
});

test("more signatures than maxGenerations reset the counters: every entry from before is stale", () => {
  const store = new MemoryStore(10_000, 2);
  const names = ["a", "b", "c"];
  stored(store, "x", "ctx", names, { a: 1, b: 1 });
  stored(store, "y", "ctx", names, { a: 1 });
  assert.ok(present(store, "x") && present(store, "y"));
  stored(store, "z", "ctx", names, { b: 1 });
  assert.not.ok(present(store, "x") || present(store, "y"));
  assert.ok(present(store, "z"));
  store.purge([purgePlan(scoped("ctx", { a: 2 }), names)]);
  assert.not.ok(present(store, "z"));
});

const NAMES = ["a", "b", "c"];
const instance = fc.record(
  { a: fc.oneof(fc.constantFrom("1", "2"), fc.array(fc.constantFrom("1", "2", "3"), { maxLength: 2 })), b: fc.constantFrom("1", "2", "x"), c: fc.constantFrom(1, 2) },
  { requiredKeys: [] },
);
const target = fc.oneof(
  fc.constant<Target>("ctx"),
  fc
    .record({ a: fc.constantFrom("1", "2", "3"), b: fc.constantFrom("1", "x"), c: fc.constantFrom("1", "3"), d: fc.constant("9") }, { requiredKeys: [] })
    .map((params): Target => ({ context: "ctx", params })),
);

test("property: after any purges, the entries served are exactly those no purge since their fill matched", () => {
  fc.assert(
    fc.property(fc.array(instance, { minLength: 1, maxLength: 8 }), fc.array(target, { minLength: 1, maxLength: 4 }), fc.array(instance, { maxLength: 4 }), (first, targets, later) => {
      const store = new MemoryStore(1_000_000, 1000);
      const live = new Map<string, Record<string, unknown>>();
      const put = (prefix: string) => (params: Record<string, unknown>, i: number) => {
        stored(store, `${prefix}${i}`, "ctx", NAMES, params);
        live.set(`${prefix}${i}`, params);
      };
      first.forEach(put("f"));
      stored(store, "elsewhere", "other", NAMES, {});
      const keys = [...live.keys(), ...later.map((_, i) => `l${i}`)];
      return targets.every((target, n) => {
        store.purge([purgePlan(target, NAMES)]);
        for (const [key, params] of live) if (targetMatches(target, "ctx", params as Record<string, string>)) live.delete(key);
        if (n === 0) later.forEach(put("l"));
        return keys.every((key) => present(store, key) === live.has(key)) && present(store, "elsewhere");
      });
    }),
    { numRuns: 3000 },
  );
});

test.run();
