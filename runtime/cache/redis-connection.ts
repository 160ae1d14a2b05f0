// The Redis connection RedisCache and TieredCache share: the application's
// node-redis client or one made from a URL, with its command timeout,
// circuit breaker and key prefix.
import { Breaker } from "./breaker.js";
import { positive } from "./origin-cache.js";
import { connectUrl, type RedisClientLike } from "./redis-client.js";
import { RedisStore } from "./redis-store.js";

export interface RedisConnectionOptions {
  /** A node-redis v6 client (`createClient()`), connected by the application. */
  client?: RedisClientLike;
  /** Or a URL (`redis://127.0.0.1:6379`): the cache creates, connects and closes its own client. */
  url?: string;
  /** Prefix of every Redis key and channel. Default "mizan:". */
  prefix?: string;
  /** Milliseconds before a Redis command is given up (the request then computes). Default 50. */
  commandTimeout?: number;
  /**
   * Milliseconds a mutation's purge may take to land in Redis, waiting for a
   * connection that is coming back included, before the response goes out
   * with the purge kept and retried. Default 1000.
   */
  purgeTimeout?: number;
  /** Consecutive failures that open the circuit breaker (default 5), and milliseconds before a probe (default 1000). */
  breaker?: { threshold?: number; cooldown?: number };
  /** Generation counters kept in Redis before all are reset at once. Default 1 000 000. */
  maxGenerations?: number;
}

export const DEFAULT_COMMAND_TIMEOUT = 50;
export const DEFAULT_PURGE_TIMEOUT = 1000;

/** The connection shared by RedisCache and TieredCache. */
export class RedisConnection {
  client: RedisClientLike | undefined;
  readonly owned: boolean;
  readonly prefix: string;
  readonly commandTimeout: number;
  readonly purgeTimeout: number;
  readonly breaker: Breaker;
  readonly maxGenerations: number;
  readonly connected: Promise<RedisClientLike | undefined>;

  constructor(options: RedisConnectionOptions, onFailure: (kind: string, error: unknown) => void) {
    if ((options.client === undefined) === (options.url === undefined)) {
      throw new TypeError("mizan cache: give exactly one of `client` (a node-redis client) and `url`");
    }
    this.prefix = options.prefix ?? "mizan:";
    if (typeof this.prefix !== "string") throw new TypeError("mizan cache: prefix must be a string");
    this.commandTimeout = positive(options.commandTimeout, DEFAULT_COMMAND_TIMEOUT, "commandTimeout");
    this.purgeTimeout = positive(options.purgeTimeout, DEFAULT_PURGE_TIMEOUT, "purgeTimeout", true, 2 ** 31 - 1);
    this.breaker = new Breaker(positive(options.breaker?.threshold, 5, "breaker.threshold"), positive(options.breaker?.cooldown, 1000, "breaker.cooldown"));
    this.maxGenerations = positive(options.maxGenerations, 1_000_000, "maxGenerations");
    this.owned = options.client === undefined;
    if (options.client !== undefined) {
      this.client = options.client;
      // An 'error' event without a listener would end the process.
      this.client.on("error", (error: unknown) => onFailure("redis", error));
      this.connected = Promise.resolve(this.client);
    } else {
      const url = options.url!;
      this.connected = connectUrl(url, 1000).then(
        async (client) => {
          client.on("error", (error: unknown) => onFailure("redis", error));
          this.client = client;
          await client.connect().catch((error: unknown) => onFailure("redis", error));
          return client;
        },
        (error: unknown) => {
          onFailure("redis", error);
          return undefined;
        },
      );
    }
  }

  store(skipGenerationCheck: boolean, onFailure: (kind: string, error: unknown) => void): RedisStore {
    return new RedisStore({
      client: () => this.client,
      prefix: this.prefix,
      commandTimeout: this.commandTimeout,
      purgeTimeout: this.purgeTimeout,
      breaker: this.breaker,
      maxGenerations: this.maxGenerations,
      skipGenerationCheck,
      onFailure,
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    if (!this.owned || client === undefined) return;
    this.client = undefined;
    if (client.isOpen) await client.close().catch(() => client.destroy());
  }
}
