// TieredCache: a memory tier in front of Redis. Hits in memory cost no
// network; the tiers of several instances stay coherent through Redis
// pub/sub (shared-cache.ts, tiered-store.ts).
import { memoryStore, type MemoryTierOptions } from "./memory.js";
import type { CacheOptions } from "./origin-cache.js";
import type { RedisConnectionOptions } from "./redis-connection.js";
import { SharedCache, type PurgeAckOptions } from "./shared-cache.js";

export interface TieredCacheOptions extends CacheOptions, RedisConnectionOptions, PurgeAckOptions {
  /** The memory tier. */
  memory?: MemoryTierOptions;
}

export class TieredCache extends SharedCache {
  constructor(options: TieredCacheOptions) {
    super(options, (skipGenerationCheck) => memoryStore(options.memory ?? {}, skipGenerationCheck));
  }

  protected override storeMetrics(): Record<string, number> {
    const memory = this.store.memory!;
    return {
      entries: memory.size,
      bytes: memory.bytes,
      evictions: memory.evictions,
      memoryCoherent: this.store.coherent ? 1 : 0,
      ...super.storeMetrics(),
    };
  }
}
