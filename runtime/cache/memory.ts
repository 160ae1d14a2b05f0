// MemoryCache: the origin cache in this process only.
import { MemoryStore } from "./memory-store.js";
import { OriginCache, type CacheOptions } from "./origin-cache.js";

export interface MemoryTierOptions {
  /** Byte budget of the LRU (bodies, headers, keys). Default 64 MiB. */
  maxBytes?: number;
  /** Generation counters (and, apart, signatures of absent params) kept before all are reset at once (old snapshots then never match). Default 100 000. */
  maxGenerations?: number;
}

export interface MemoryCacheOptions extends CacheOptions, MemoryTierOptions {}

export const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;

export function memoryStore(options: MemoryTierOptions, skipGenerationCheck: boolean): MemoryStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_BYTES;
  const maxGenerations = options.maxGenerations ?? 100_000;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError("mizan cache: maxBytes must be a positive whole number");
  if (!Number.isSafeInteger(maxGenerations) || maxGenerations <= 0) {
    throw new TypeError("mizan cache: maxGenerations must be a positive whole number");
  }
  return new MemoryStore(maxBytes, maxGenerations, skipGenerationCheck);
}

export class MemoryCache extends OriginCache {
  protected readonly store: MemoryStore;

  constructor(options: MemoryCacheOptions) {
    super(options);
    this.store = memoryStore(options, this.skipGenerationCheck);
  }

  protected override storeMetrics(): Record<string, number> {
    return { entries: this.store.size, bytes: this.store.bytes, evictions: this.store.evictions };
  }
}
