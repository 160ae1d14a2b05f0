// RedisCache: the origin cache in a Redis shared by every instance, through
// node-redis (the application's client, or one made from a URL). Its purges
// reach every instance's memory tier too (TieredCache, shared-cache.ts).
import type { CacheOptions } from "./origin-cache.js";
import type { RedisConnectionOptions } from "./redis-connection.js";
import { SharedCache, type PurgeAckOptions } from "./shared-cache.js";

export { DEFAULT_COMMAND_TIMEOUT, type RedisConnectionOptions } from "./redis-connection.js";

export interface RedisCacheOptions extends CacheOptions, RedisConnectionOptions, PurgeAckOptions {}

export class RedisCache extends SharedCache {
  constructor(options: RedisCacheOptions) {
    super(options, () => undefined);
  }
}
