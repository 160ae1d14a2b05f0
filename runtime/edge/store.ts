// Where createEdgeHandler keeps responses. An entry belongs to one or more
// context instances (a context read is one; a page may render several);
// a purge removes exactly the entries with an instance that a target
// matches (§4, `targetMatches`). A fill that raced a purge is not stored:
// `put` is given the purge count read before the origin was asked, and a
// store that purged since refuses it, so a response read before a
// mutation can never outlive that mutation's purge.
import { targetMatches, type Target } from "../protocol/targets.js";
import type { Instance } from "./routing.js";

export interface StoredResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array<ArrayBuffer>;
  /** Date.now() until which it is served; past it, the origin is asked again. */
  readonly freshUntil: number;
  /** Date.now() when it was stored (for `Age`). */
  readonly storedAt: number;
  readonly etag: string | null;
}

export interface EdgeStore {
  get(key: string): StoredResponse | undefined | Promise<StoredResponse | undefined>;
  /** A number that changes with every purge; read before asking the origin. */
  epoch(): number | Promise<number>;
  /** Stores unless a purge happened since `epoch`; says whether it stored. */
  put(key: string, instances: readonly Instance[], entry: StoredResponse, epoch: number): boolean | Promise<boolean>;
  /** Removes every entry an instance of which a target matches; resolves with how many. */
  purge(targets: readonly Target[]): number | Promise<number>;
}

export interface MemoryStoreOptions {
  /** Entries kept; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
}

interface Held {
  readonly instances: readonly Instance[];
  readonly entry: StoredResponse;
  /** Read since it was stored or last spared: a second chance before eviction (CLOCK). */
  used: boolean;
}

/**
 * A store in this process's memory (one per isolate on Workers). Eviction
 * is CLOCK, an approximation of least-recently-used: a hit only sets a flag
 * (no reordering on the hot path), and an entry read since it was last
 * looked at is spared once.
 */
export class MemoryStore implements EdgeStore {
  readonly #entries = new Map<string, Held>();
  readonly #byContext = new Map<string, Set<string>>();
  readonly #max: number;
  #epoch = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#max = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(this.#max) || this.#max < 1) throw new TypeError("mizan: MemoryStore maxEntries must be a whole number ≥ 1");
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): StoredResponse | undefined {
    const held = this.#entries.get(key);
    if (held === undefined) return undefined;
    if (held.entry.freshUntil <= Date.now()) {
      this.#delete(key);
      return undefined;
    }
    held.used = true;
    return held.entry;
  }

  epoch(): number {
    return this.#epoch;
  }

  put(key: string, instances: readonly Instance[], entry: StoredResponse, epoch: number): boolean {
    if (epoch !== this.#epoch) return false;
    this.#delete(key);
    this.#entries.set(key, { instances, entry, used: false });
    for (const { context } of instances) {
      let keys = this.#byContext.get(context);
      if (keys === undefined) this.#byContext.set(context, (keys = new Set()));
      keys.add(key);
    }
    while (this.#entries.size > this.#max) this.#evictOne();
    return true;
  }

  purge(targets: readonly Target[]): number {
    this.#epoch += 1;
    let removed = 0;
    for (const target of targets) {
      const context = typeof target === "string" ? target : target.context;
      for (const key of [...(this.#byContext.get(context) ?? [])]) {
        const held = this.#entries.get(key);
        if (held?.instances.some((i) => i.context === context && targetMatches(target, context, i.params))) {
          this.#delete(key);
          removed += 1;
        }
      }
    }
    return removed;
  }

  #evictOne(): void {
    for (const [key, held] of this.#entries) {
      if (held.used) {
        // Spared once: to the back of the line.
        held.used = false;
        this.#entries.delete(key);
        this.#entries.set(key, held);
      } else {
        this.#delete(key);
        return;
      }
    }
  }

  #delete(key: string): void {
    const held = this.#entries.get(key);
    if (held === undefined) return;
    this.#entries.delete(key);
    for (const { context } of held.instances) {
      const keys = this.#byContext.get(context);
      keys?.delete(key);
      if (keys?.size === 0) this.#byContext.delete(context);
    }
  }
}
