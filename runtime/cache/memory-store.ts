// The in-process store: an LRU of responses within a byte budget, the
// reverse index (tag → keys) and the generation counters. Every operation is
// synchronous, so the compare-and-set of a fill is atomic by construction:
// the same logic as the Redis scripts, without a network in between.
import type { Lookup, Store, StoredResponse } from "./store.js";
import type { PurgePlan, Tag } from "./tags.js";

interface Slot {
  readonly entry: StoredResponse;
  readonly bytes: number;
  readonly expires: number;
  readonly tags: readonly Tag[];
  /** The value of the move counter when it last went to the recent end. */
  moved: number;
}

export class MemoryStore implements Store {
  readonly available = true;
  readonly #entries = new Map<string, Slot>();
  readonly #index = new Map<Tag, Set<string>>();
  readonly #generations = new Map<Tag, number>();
  // Bumped when the counters are dropped (clear, or too many of them): a
  // snapshot from before can never compare equal again.
  #epoch = 1;
  #bytes = 0;
  /** Counts moves to the recent end (fills and promotions). */
  #moves = 0;
  evictions = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxGenerations: number,
    private readonly skipGenerationCheck = false,
  ) {}

  get bytes(): number {
    return this.#bytes;
  }
  get size(): number {
    return this.#entries.size;
  }

  snapshot(tags: readonly Tag[]): string {
    let out = String(this.#epoch);
    for (const tag of tags) out += `,${this.#generations.get(tag) ?? 0}`;
    return out;
  }

  lookup(key: string, tags: () => readonly Tag[]): Lookup {
    const slot = this.#entries.get(key);
    if (slot !== undefined) {
      if (slot.expires > Date.now()) {
        // Most recently used goes last: Map order is the LRU order. Only an
        // entry in the older half moves: fewer than size/2 moves since its
        // last one means it is still among the newer half, and moving a hot
        // entry on every hit would churn the Map for nothing.
        if (this.#moves - slot.moved > this.#entries.size >> 1) {
          this.#entries.delete(key);
          this.#entries.set(key, slot);
          slot.moved = ++this.#moves;
        }
        return { hit: slot.entry, tier: "memory" };
      }
      this.#remove(key);
    }
    return { hit: undefined, snapshot: this.snapshot(tags()) };
  }

  fill(key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, ttlMs: number, bytes: number): boolean {
    if (!this.skipGenerationCheck && snapshot !== this.snapshot(tags)) return false;
    if (bytes > this.maxBytes) return false;
    this.#remove(key);
    this.#entries.set(key, { entry, bytes, expires: Date.now() + ttlMs, tags, moved: ++this.#moves });
    this.#bytes += bytes;
    for (const tag of tags) {
      let keys = this.#index.get(tag);
      if (keys === undefined) this.#index.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value!;
      this.#remove(oldest);
      this.evictions++;
    }
    return true;
  }

  purge(plans: readonly PurgePlan[]): boolean {
    for (const plan of plans) {
      for (const tag of plan.bump) this.#generations.set(tag, (this.#generations.get(tag) ?? 0) + 1);
      for (const key of this.#matching(plan)) this.#remove(key);
    }
    if (this.#generations.size > this.maxGenerations) {
      this.#generations.clear();
      this.#epoch++;
    }
    return true;
  }

  /** Drops everything, and makes every snapshot taken so far stale. */
  clear(): void {
    this.#entries.clear();
    this.#index.clear();
    this.#generations.clear();
    this.#bytes = 0;
    this.#epoch++;
  }

  async close(): Promise<void> {
    this.clear();
  }

  /** The keys in the intersection of the plan's unions. */
  #matching(plan: PurgePlan): string[] {
    const [first, ...rest] = plan.groups;
    const out: string[] = [];
    for (const tag of first!) {
      for (const key of this.#index.get(tag) ?? []) {
        if (rest.every((group) => group.some((other) => this.#index.get(other)?.has(key)))) out.push(key);
      }
    }
    return out;
  }

  #remove(key: string): void {
    const slot = this.#entries.get(key);
    if (slot === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= slot.bytes;
    for (const tag of slot.tags) {
      const keys = this.#index.get(tag);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.#index.delete(tag);
    }
  }
}
