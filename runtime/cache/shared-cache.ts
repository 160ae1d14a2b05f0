// What RedisCache and TieredCache share: one Redis, and the purge channel
// that keeps every instance coherent. Each subscribes to it; a purge runs in
// Redis and publishes there in the same script, and the purging instance
// waits for every subscriber's acknowledgement before its mutation's
// response goes out (tiered-store.ts). A TieredCache drops its memory
// entries on the message; a RedisCache has none, but publishes all the same,
// so that the two can be mixed on one Redis (a worker on RedisCache beside
// web instances on TieredCache).
import type { MemoryStore } from "./memory-store.js";
import { OriginCache, positive, type CacheOptions } from "./origin-cache.js";
import { RedisConnection, type RedisConnectionOptions } from "./redis-connection.js";
import { TieredStore } from "./tiered-store.js";

export interface PurgeAckOptions {
  /** Milliseconds a purge, once landed, waits for the other instances to confirm they dropped their copies. Default 500. */
  ackTimeout?: number;
  /**
   * Milliseconds between the heartbeats a memory tier sends itself through
   * Redis; two unheard, and it stops serving until Redis answers again (a
   * paused Redis delivers no purge). Default 1000.
   */
  heartbeat?: number;
}

// Twice a heartbeat (the silence that stops a memory tier) must fit a timer.
const MAX_HEARTBEAT = 2 ** 30 - 1;


export abstract class SharedCache extends OriginCache {
  protected readonly store: TieredStore;
  readonly #connection: RedisConnection;
  readonly #started: Promise<void>;

  /** `memory` makes the memory tier (none for RedisCache), told whether the generation check is off. */
  constructor(options: CacheOptions & RedisConnectionOptions & PurgeAckOptions, memory: (skipGenerationCheck: boolean) => MemoryStore | undefined) {
    super(options);
    const ackTimeout = positive(options.ackTimeout, 500, "ackTimeout", true, 2 ** 31 - 1);
    this.#connection = new RedisConnection(options, this.onFailure);
    this.store = new TieredStore(memory(this.skipGenerationCheck), this.#connection.store(this.skipGenerationCheck, this.onFailure), {
      prefix: this.#connection.prefix,
      ackTimeout,
      commandTimeout: this.#connection.commandTimeout,
      onFailure: this.onFailure,
      onPurgeMessage: (plans) => this.heard(plans),
      heartbeat: positive(options.heartbeat, 1000, "heartbeat", true, MAX_HEARTBEAT),
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

  /** Resolves once connected (for a URL), the scripts loaded and the purge channel subscribed; until then a memory tier is not used. */
  async ready(): Promise<void> {
    await this.#started;
  }

  override async close(): Promise<void> {
    await this.#started;
    await super.close();
    await this.#connection.close();
  }

  protected override storeMetrics(): Record<string, number> {
    return {
      reconnects: this.store.reconnects,
      ackTimeouts: this.store.ackTimeouts,
      breakerOpen: this.#connection.breaker.open ? 1 : 0,
      breakerOpened: this.#connection.breaker.opened,
    };
  }
}
