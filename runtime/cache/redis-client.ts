// The part of a node-redis (v6) client the cache uses. The application's own
// `createClient()` result fits it; the cache never needs more than raw
// commands with a per-command timeout, and a duplicate for pub/sub.
export interface RedisCommandOptions {
  /** Milliseconds before node-redis rejects a command not yet written (node-redis TimeoutError); 0: never. */
  timeout?: number;
}

export interface RedisClientLike {
  sendCommand(args: readonly string[], options?: RedisCommandOptions): Promise<unknown>;
  duplicate(): RedisClientLike;
  connect(): Promise<unknown>;
  subscribe(channels: string, listener: (message: string, channel: string) => void): Promise<void>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  readonly isOpen: boolean;
  readonly isReady: boolean;
  close(): Promise<void>;
  destroy(): void;
}

/** Creates a client for a URL with node-redis, loaded only when asked (redis is an optional peer). */
export async function connectUrl(url: string, connectTimeout: number): Promise<RedisClientLike> {
  const { createClient } = (await import("redis")) as unknown as {
    createClient(options: unknown): RedisClientLike;
  };
  const client = createClient({
    url,
    // A command issued while disconnected fails at once instead of waiting in a queue: the request computes.
    disableOfflineQueue: true,
    // Capped low: until it is back, a mutation's purge waits (`purgeTimeout`) and other instances may serve what it purges.
    socket: { connectTimeout, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 250) },
  });
  return client;
}

/** A command that got no reply within its time. */
export class CommandTimeoutError extends Error {
  constructor(ms: number) {
    super(`no reply from Redis within ${ms} ms`);
    this.name = "CommandTimeoutError";
  }
}

// node-redis's own command timeout (default 5 s) switched off: `timeout: 0`.
const NO_CLIENT_TIMEOUT: RedisCommandOptions = { timeout: 0 };

/**
 * Sends a command and gives up after `ms`. node-redis's own `timeout` is
 * switched off: it only covers the wait to be written (a command already on
 * the wire to a Redis that stopped answering, paused or partitioned, would
 * wait forever), and it costs an AbortSignal per command, the largest
 * single cost of a cache hit in Redis. A command given
 * up on may still be written later; every script is safe to run late (a
 * fill still compares generations, a purge only invalidates more). The
 * reply, if it ever comes, is dropped.
 */
export function command(client: RedisClientLike, args: readonly string[], ms: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // The loop runs timers before it reads sockets: after the application
    // held it (a bcrypt hash, a large JSON.parse) past `ms`, a reply already
    // waiting would lose to the timer. Giving up one turn later lets the
    // read come first; settling twice does nothing.
    const timer = setTimeout(() => setImmediate(() => reject(new CommandTimeoutError(ms))), ms);
    const settle = (error: unknown, reply?: unknown): void => {
      clearTimeout(timer);
      if (error === undefined) resolve(reply);
      else reject(error);
    };
    client.sendCommand(args, NO_CLIENT_TIMEOUT).then((reply) => settle(undefined, reply), (error: unknown) => settle(error ?? new Error("redis command failed")));
  });
}
