// A read of a public context that was running while a mutation purged it may
// hold what the mutation replaced, and a CDN that stores it after its purge
// keeps it until its lifetime ends. The clock counts the purges of each
// context: a read is stamped when it starts, and one that a purge of its
// context overlapped is sent `no-store`, untagged (edge-headers.ts), so that
// no shared cache keeps it. The next read is stored as usual.
import type { Target } from "../protocol/index.js";

export class PurgeClock {
  #now = 0;
  readonly #last = new Map<string, number>();

  /** The stamp of a read starting now. */
  now(): number {
    return this.#now;
  }

  /** A purge of these contexts is under way (or one heard of from another instance). */
  mark(contexts: Iterable<string>): void {
    const now = ++this.#now;
    for (const context of contexts) this.#last.set(context, now);
  }

  /** A purge of these targets' contexts is under way. */
  markTargets(targets: readonly Target[]): void {
    this.mark(targets.map((target) => (typeof target === "string" ? target : target.context)));
  }

  /** Whether a purge of the context happened since the read stamped `then` started. */
  since(context: string, then: number): boolean {
    return (this.#last.get(context) ?? 0) > then;
  }
}
