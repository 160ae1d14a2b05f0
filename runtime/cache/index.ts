// mizan/cache: the origin cache for createHandler({ cache }). In memory, in
// Redis, or both tiered; keys per PROTOCOL §7, purged by the same targets a
// mutation's response carries.
export { MemoryCache, DEFAULT_MEMORY_BYTES, type MemoryCacheOptions, type MemoryTierOptions } from "./memory.js";
export { RedisCache, DEFAULT_COMMAND_TIMEOUT, type RedisCacheOptions, type RedisConnectionOptions } from "./redis.js";
export { TieredCache, type TieredCacheOptions } from "./tiered.js";
export {
  OriginCache,
  DEFAULT_TTL,
  DEFAULT_MAX_ENTRY_BYTES,
  type CacheOptions,
  type CacheMetrics,
  type ContextCacheSettings,
} from "./origin-cache.js";
export { MissingPrincipalError, MIN_SECRET_BYTES, defaultPrincipalKey } from "./keys.js";
export type { RedisClientLike, RedisCommandOptions } from "./redis-client.js";
export type { StoredResponse } from "./store.js";
