// The in-process store: an LRU of responses within a byte budget, the
// reverse index (tag → keys) and the generation counters. Every operation is
// synchronous, so the compare-and-set of a fill is atomic by construction:
// the same logic as the Redis scripts, without a network in between.
//
// Two kinds of tags are shared by many entries, and neither has a set of
// their keys to keep up to date on every fill and eviction; entries a purge
// hits through them are dropped when next read (or evicted), never served:
// - the context tag: a broad purge bumps the context's generation, and an
//   entry filled under an older one is stale;
// - absent-param tags ([C, n]): entries with the same absent params share a
//   signature, and a scoped purge that every entry lacking those params
//   matches (each of its params is one of them) bumps the signature's
//   generation. An entry that has a param the purge names is found in the
//   index through that param's value tag, checked against the whole target,
//   and deleted at once. Together: exactly the entries a scoped match hits.
// So a purge costs the same whatever the context holds.
import type { EncodedResponse, Lookup, Store, StoredResponse } from "./store.js";
import { contextTag, isAbsentTag, type PurgePlan, type Tag } from "./tags.js";

// TextEncoder gives each body its own buffer: a small Buffer.from would be a
// slice of a shared 8 KiB pool, which one long-lived entry keeps alive whole.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One entry, and itself what a hit returns. Its body is kept as the text it
 * was filled with until the first hit asks for bytes, then as UTF-8 bytes
 * only (encoded once; the text decoded again only if asked for): a buffer
 * costs the garbage collector far more per entry than a string, and a run
 * of distinct reads fills hundreds of thousands of entries that are never
 * read. One object per entry, rather than a slot and a response, for the
 * same reason. The bytes are a Buffer: node:http turns any other Uint8Array
 * into one on every write (a hit of 200 bytes measured about 2 % faster so),
 * and a string it would encode again on every write (a 100 KB body: about
 * 3× the CPU of writing its bytes).
 */
class Slot implements EncodedResponse {
  /** Neighbours in LRU order: `older` towards the eviction end. */
  older: Slot | undefined = undefined;
  newer: Slot | undefined = undefined;
  #body: string | Uint8Array<ArrayBuffer>;
  constructor(
    readonly key: string,
    body: string,
    readonly headers: Readonly<Record<string, string>>,
    /** What it counts against the budget. */
    readonly cost: number,
    readonly expires: number,
    /** The instance's tags, its context's first (instanceTags); the index holds neither that nor the absent-param ones. */
    readonly tags: readonly Tag[],
    /** The value of the move counter when it last went to the recent end. */
    public moved: number,
    /** The store's epoch and the context tag's generation when it was filled: a broad purge since makes it stale. */
    readonly epoch: number,
    readonly contextGeneration: number,
    /** Its absent params, and their generation when it was filled: a purge that all their entries match since makes it stale. */
    readonly signature: Signature | undefined,
    readonly signatureGeneration: number,
  ) {
    this.#body = body;
  }
  get bytes(): Uint8Array<ArrayBuffer> {
    if (typeof this.#body === "string") this.#body = asBuffer(encoder.encode(this.#body));
    return this.#body;
  }
  get body(): string {
    return typeof this.#body === "string" ? this.#body : decoder.decode(this.#body);
  }
}

/** The same bytes as a Buffer, no copy. */
function asBuffer(bytes: Uint8Array<ArrayBuffer>): Buffer<ArrayBuffer> {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The absent-param tags of a set of entries (those lacking exactly these params of one context). */
class Signature {
  generation = 0;
  constructor(readonly tags: readonly Tag[]) {}
}

/** The keys of one tag: the key itself while it is the only one. */
type Keys = string | Set<string>;

export class MemoryStore implements Store {
  readonly available = true;
  readonly #entries = new Map<string, Slot>();
  readonly #index = new Map<Tag, Keys>();
  readonly #generations = new Map<Tag, number>();
  /** The length of the counters' tags, together. */
  #generationChars = 0;
  /** Per context tag, its signatures by their tags joined. */
  readonly #signatures = new Map<Tag, Map<string, Signature>>();
  #signatureCount = 0;
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
        return { hit: slot, tier: "memory" };
      }
      this.#remove(slot);
    }
    return { hit: undefined, snapshot: this.snapshot(tags()) };
  }

  fill(key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, ttlMs: number, bytes: number): boolean {
    if (!this.skipGenerationCheck && snapshot !== this.snapshot(tags)) return false;
    if (bytes > this.maxBytes) return false;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(old);
    let absent: Tag[] | undefined;
    const index = this.#index;
    for (let i = 1; i < tags.length; i++) {
      const tag = tags[i]!;
      if (isAbsentTag(tag)) {
        (absent ??= []).push(tag);
        continue;
      }
      const keys = index.get(tag);
      if (keys === undefined) index.set(tag, key);
      else if (typeof keys === "string") {
        if (keys !== key) index.set(tag, new Set([keys, key]));
      } else keys.add(key);
    }
    const signature = absent === undefined ? undefined : this.#signature(tags[0]!, absent);
    const generation = tags.length > 0 ? (this.#generations.get(tags[0]!) ?? 0) : 0;
    // A copy of the exact length: an array built by push keeps spare room, held as long as the entry.
    const slot = new Slot(key, entry.body, entry.headers, bytes, Date.now() + ttlMs, tags.slice(), ++this.#moves, this.#epoch, generation, signature, signature?.generation ?? 0);
    this.#entries.set(key, slot);
    this.#link(slot);
    this.#bytes += bytes;
    while (this.#bytes > this.maxBytes) {
      this.#remove(this.#oldest!);
      this.evictions++;
    }
    return true;
  }

  purge(plans: readonly PurgePlan[]): boolean {
    for (const plan of plans) {
      for (const tag of plan.bump) {
        const generation = this.#generations.get(tag);
        if (generation === undefined) this.#generationChars += tag.length;
        this.#generations.set(tag, (generation ?? 0) + 1);
      }
      // A broad plan's bump of the context tag is enough: its entries are stale from now on (#current).
      if (plan.broad) continue;
      for (const signature of this.#signatures.get(contextTag(plan.context))?.values() ?? []) {
        if (plan.groups.every((group) => group.some((tag) => signature.tags.includes(tag)))) signature.generation++;
      }
      for (const slot of this.#indexedMatches(plan)) this.#remove(slot);
    }
    // Bounded by their text too: a mutation's long argument makes a long tag.
    if (this.#generations.size > this.maxGenerations || this.#generationChars > this.maxBytes / 8) this.#reset();
    return true;
  }

  /** Drops the counters and signatures: every snapshot and entry from before is stale. */
  #reset(): void {
    this.#generations.clear();
    this.#generationChars = 0;
    this.#signatures.clear();
    this.#signatureCount = 0;
    this.#epoch++;
  }

  #signature(context: Tag, absent: readonly Tag[]): Signature {
    // Tags are JSON: no newline inside one.
    const id = absent.length === 1 ? absent[0]! : absent.join("\n");
    const known = this.#signatures.get(context)?.get(id);
    if (known !== undefined) return known;
    // Bounded like the counters (a context has a few params, but 2^n combinations of them).
    if (this.#signatureCount >= this.maxGenerations) this.#reset();
    let signatures = this.#signatures.get(context);
    if (signatures === undefined) this.#signatures.set(context, (signatures = new Map()));
    const signature = new Signature(absent);
    signatures.set(id, signature);
    this.#signatureCount++;
    return signature;
  }

  /** Drops everything, and makes every snapshot taken so far stale. */
  clear(): void {
    this.#entries.clear();
    this.#oldest = this.#newest = undefined;
    this.#index.clear();
    this.#bytes = 0;
    this.#reset();
  }

  async close(): Promise<void> {
    this.clear();
  }

  /** Whether no broad purge of the slot's context, no purge matching its absent params, nor a reset came after its fill. */
  #current(slot: Slot): boolean {
    return (
      slot.epoch === this.#epoch &&
      (slot.tags.length === 0 || slot.contextGeneration === (this.#generations.get(slot.tags[0]!) ?? 0)) &&
      (slot.signature === undefined || slot.signature.generation === slot.signatureGeneration)
    );
  }

  /** The entries a scoped plan matches that have one of its params (the rest lack them all: their signature's bump covers them). */
  #indexedMatches(plan: PurgePlan): Set<Slot> {
    const out = new Set<Slot>();
    for (const group of plan.groups) {
      for (const tag of group) {
        const keys = this.#index.get(tag);
        for (const key of keys === undefined ? [] : typeof keys === "string" ? [keys] : keys) {
          const slot = this.#entries.get(key)!;
          if (plan.groups.every((other) => other.some((tag) => slot.tags.includes(tag)))) out.add(slot);
        }
      }
    }
    return out;
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

  #remove(slot: Slot): void {
    const key = slot.key;
    this.#entries.delete(key);
    this.#unlink(slot);
    this.#bytes -= slot.cost;
    const index = this.#index;
    for (let i = 1; i < slot.tags.length; i++) {
      const tag = slot.tags[i]!;
      if (slot.signature?.tags.includes(tag)) continue;
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
