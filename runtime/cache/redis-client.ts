// The part of a node-redis (v6) client the cache uses. The application's own
// `createClient()` result fits it; the cache never needs more than raw
// commands with a per-command timeout, and a duplicate for pub/sub.
export interface RedisCommandOptions {
  /** Milliseconds before the command's promise rejects (node-redis TimeoutError). */
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
    socket: { connectTimeout, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
  });
  return client;
}
