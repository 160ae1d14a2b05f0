// TieredCache: a memory tier in front of Redis. Hits in memory cost no
// network; the tiers of several instances stay coherent through Redis
// pub/sub (see tiered-store.ts).
import { memoryStore, type MemoryTierOptions } from "./memory.js";
import { OriginCache, type CacheOptions } from "./origin-cache.js";
import { RedisConnection, type RedisConnectionOptions } from "./redis.js";
import { TieredStore } from "./tiered-store.js";

export interface TieredCacheOptions extends CacheOptions, RedisConnectionOptions {
  /** The memory tier. */
  memory?: MemoryTierOptions;
  /** Milliseconds a purge waits for the other instances to confirm they dropped their copies. Default 100. */
  ackTimeout?: number;
}

export class TieredCache extends OriginCache {
  protected readonly store: TieredStore;
  readonly #connection: RedisConnection;
  readonly #started: Promise<void>;

  constructor(options: TieredCacheOptions) {
    super(options);
    const ackTimeout = options.ackTimeout ?? 100;
    if (!Number.isSafeInteger(ackTimeout) || ackTimeout <= 0) throw new TypeError("mizan cache: ackTimeout must be a positive whole number");
    this.#connection = new RedisConnection(options, this.onFailure);
    this.store = new TieredStore(memoryStore(options.memory ?? {}, this.skipGenerationCheck), this.#connection.store(this.skipGenerationCheck, this.onFailure), {
      prefix: this.#connection.prefix,
      ackTimeout,
      commandTimeout: this.#connection.commandTimeout,
      onFailure: this.onFailure,
      onPurgeMessage: (plans) => this.heard(plans),
    });
    this.store.setPublisher(() => this.#connection.client);
    this.#started = this.#connection.connected.then(async (client) => {
      if (client === undefined) return;
      try {
        await this.store.redis.preload();
        await this.store.start(client);
      } catch (error) {
        this.onFailure("pubsub", error);
      }
    });
  }

  /** Resolves once connected and subscribed; until then the memory tier is not used. */
  async ready(): Promise<void> {
    await this.#started;
  }

  override async close(): Promise<void> {
    await this.#started;
    await super.close();
    await this.#connection.close();
  }

  protected override storeMetrics(): Record<string, number> {
    const { memory } = this.store;
    return {
      entries: memory.size,
      bytes: memory.bytes,
      evictions: memory.evictions,
      memoryCoherent: this.store.coherent ? 1 : 0,
      reconnects: this.store.reconnects,
      ackTimeouts: this.store.ackTimeouts,
      breakerOpen: this.#connection.breaker.open ? 1 : 0,
      breakerOpened: this.#connection.breaker.opened,
    };
  }
}
