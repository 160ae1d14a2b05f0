// The in-process store: an LRU of responses within a byte budget, the
// reverse index (tag → keys) and the generation counters. Every operation is
// synchronous, so the compare-and-set of a fill is atomic by construction:
// the same logic as the Redis scripts, without a network in between.
//
// A broad purge (a whole context) deletes nothing here: it bumps the
// context's generation, and an entry filled under an older one is dropped
// when it is next read (or evicted). So the context tag, which every entry
// of a context carries, has no set of all their keys to keep up to date on
// every fill and eviction, and a broad purge costs the same at any size.
import type { EncodedResponse, Lookup, Store, StoredResponse } from "./store.js";
import type { PurgePlan, Tag } from "./tags.js";

// TextEncoder gives each body its own buffer: a small Buffer.from would be a
// slice of a shared 8 KiB pool, which one long-lived entry keeps alive whole.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An entry as the memory tier keeps it: the body as UTF-8 bytes only, encoded once when stored; the text is decoded only if asked for. */
class Encoded implements EncodedResponse {
  readonly bytes: Uint8Array<ArrayBuffer>;
  constructor(
    body: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    this.bytes = encoder.encode(body);
  }
  get body(): string {
    return decoder.decode(this.bytes);
  }
}

class Slot {
  /** Neighbours in LRU order: `older` towards the eviction end. */
  older: Slot | undefined = undefined;
  newer: Slot | undefined = undefined;
  constructor(
    readonly key: string,
    readonly entry: EncodedResponse,
    readonly bytes: number,
    readonly expires: number,
    /** The instance's tags; the first is its context's (instanceTags), which the index leaves out. */
    readonly tags: readonly Tag[],
    /** The value of the move counter when it last went to the recent end. */
    public moved: number,
    /** The store's epoch and the context tag's generation when it was filled: a broad purge since makes it stale. */
    readonly epoch: number,
    readonly contextGeneration: number,
  ) {}
}

/** The keys of one tag: the key itself while it is the only one. */
type Keys = string | Set<string>;

export class MemoryStore implements Store {
  readonly available = true;
  readonly #entries = new Map<string, Slot>();
  readonly #index = new Map<Tag, Keys>();
  readonly #generations = new Map<Tag, number>();
  // Bumped when the counters are dropped (clear, or too many of them): a
  // snapshot from before can never compare equal again.
  #epoch = 1;
  #bytes = 0;
  /** The ends of the LRU list: evicted from `oldest`, filled and promoted at `newest`. */
  #oldest: Slot | undefined = undefined;
  #newest: Slot | undefined = undefined;
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
      if (slot.expires > Date.now() && this.#current(slot)) {
        // Most recently used goes to the newest end. Only an entry in the
        // older half moves: fewer than size/2 moves since its last one means
        // it is still among the newer half, and moving a hot entry on every
        // hit would rewrite the list for nothing.
        if (this.#moves - slot.moved > this.#entries.size >> 1) {
          this.#unlink(slot);
          this.#link(slot);
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
    const generation = tags.length > 0 ? (this.#generations.get(tags[0]!) ?? 0) : 0;
    const encoded = new Encoded(entry.body, entry.headers);
    const slot = new Slot(key, encoded, bytes, Date.now() + ttlMs, tags, ++this.#moves, this.#epoch, generation);
    this.#entries.set(key, slot);
    this.#link(slot);
    this.#bytes += bytes;
    const index = this.#index;
    for (let i = 1; i < tags.length; i++) {
      const tag = tags[i]!;
      const keys = index.get(tag);
      if (keys === undefined) index.set(tag, key);
      else if (typeof keys === "string") {
        if (keys !== key) index.set(tag, new Set([keys, key]));
      } else keys.add(key);
    }
    while (this.#bytes > this.maxBytes) {
      this.#remove(this.#oldest!.key);
      this.evictions++;
    }
    return true;
  }

  purge(plans: readonly PurgePlan[]): boolean {
    for (const plan of plans) {
      for (const tag of plan.bump) this.#generations.set(tag, (this.#generations.get(tag) ?? 0) + 1);
      // A broad plan's bump of the context tag is enough: its entries are stale from now on (#current).
      if (!plan.broad) for (const key of this.#matching(plan)) this.#remove(key);
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
    this.#oldest = this.#newest = undefined;
    this.#index.clear();
    this.#generations.clear();
    this.#bytes = 0;
    this.#epoch++;
  }

  async close(): Promise<void> {
    this.clear();
  }

  /** Whether no broad purge of the slot's context (nor a reset of the counters) came after its fill. */
  #current(slot: Slot): boolean {
    return slot.epoch === this.#epoch && (slot.tags.length === 0 || slot.contextGeneration === (this.#generations.get(slot.tags[0]!) ?? 0));
  }

  /** The keys in the intersection of the plan's unions (a scoped plan's tags are never a context tag). */
  #matching(plan: PurgePlan): string[] {
    const [first, ...rest] = plan.groups;
    const out: string[] = [];
    for (const tag of first!) {
      for (const key of this.#keys(tag)) {
        if (rest.every((group) => group.some((other) => this.#indexed(other, key)))) out.push(key);
      }
    }
    return out;
  }

  #keys(tag: Tag): Iterable<string> {
    const keys = this.#index.get(tag);
    return keys === undefined ? [] : typeof keys === "string" ? [keys] : keys;
  }

  #indexed(tag: Tag, key: string): boolean {
    const keys = this.#index.get(tag);
    return keys === key || (typeof keys === "object" && keys.has(key));
  }

  /** Puts a slot at the newest end. */
  #link(slot: Slot): void {
    slot.older = this.#newest;
    slot.newer = undefined;
    if (this.#newest === undefined) this.#oldest = slot;
    else this.#newest.newer = slot;
    this.#newest = slot;
  }

  #unlink(slot: Slot): void {
    if (slot.older === undefined) this.#oldest = slot.newer;
    else slot.older.newer = slot.newer;
    if (slot.newer === undefined) this.#newest = slot.older;
    else slot.newer.older = slot.older;
    slot.older = slot.newer = undefined;
  }

  #remove(key: string): void {
    const slot = this.#entries.get(key);
    if (slot === undefined) return;
    this.#entries.delete(key);
    this.#unlink(slot);
    this.#bytes -= slot.bytes;
    const index = this.#index;
    for (let i = 1; i < slot.tags.length; i++) {
      const tag = slot.tags[i]!;
      const keys = index.get(tag);
      if (keys === key) index.delete(tag);
      else if (typeof keys === "object") {
        keys.delete(key);
        // Back to the one-key form, so a tag that once had many costs no Set forever.
        if (keys.size === 1) index.set(tag, keys.values().next().value!);
      }
    }
  }
}
