// What every purge adapter is: a name and `purge(tags)`. The tags come
// from `purgeTags` (tags.ts); an adapter batches them within its API's
// limits, retries what may succeed on a retry, and rejects with a
// PurgeError once it gives up. It never resolves without having purged.

export interface PurgeContext {
  /** Aborted when the purge's time is up. */
  readonly signal: AbortSignal;
  /** Date.now() after which no attempt is started (a Retry-After past it fails at once). */
  readonly deadline: number;
}

export interface Purger {
  /** Names the adapter in errors (`varnish`, `fastly`, `cloudflare`, …). */
  readonly name: string;
  purge(tags: readonly string[], context: PurgeContext): Promise<void>;
}

export class PurgeError extends Error {
  constructor(
    message: string,
    readonly purger: string,
    readonly tags: readonly string[],
    readonly attempts: number,
    /** The last HTTP status, when there was an answer. */
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PurgeError";
  }
}

/** `items` in consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Batches of tags whose space-separated text stays within `maxBytes` (tags are ASCII). */
export function headerBatches(tags: readonly string[], maxBytes: number, maxCount: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const tag of tags) {
    const added = current.length === 0 ? tag.length : tag.length + 1;
    if (current.length > 0 && (length + added > maxBytes || current.length >= maxCount)) {
      out.push(current);
      current = [];
      length = 0;
    }
    length += current.length === 0 ? tag.length : tag.length + 1;
    current.push(tag);
  }
  if (current.length > 0) out.push(current);
  return out;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function checkPositiveInteger(value: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new TypeError(`mizan: ${what} must be a whole number from 1 to ${max}`);
  return value;
}
