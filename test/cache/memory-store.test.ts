// The memory tier's LRU: an entry read while among the older half goes to
// the recent end; one read while among the newer half stays where it is
// (moving it on every hit would churn the Map), and eviction takes the
// oldest end.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MemoryStore } from "../../runtime/cache/memory-store.js";

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

test.run();
