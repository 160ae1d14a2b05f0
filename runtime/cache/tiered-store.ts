// Memory in front of Redis, kept coherent across instances over Redis
// pub/sub. A purge runs in Redis and publishes, in the same script, to every
// instance; each drops its matching memory entries and acknowledges, and the
// purging instance waits for as many acknowledgements as Redis counted
// receivers (up to a timeout) before its mutation's response goes out. The
// memory tier is used only while the subscription is up; on every
// reconnect it is dropped, since messages may have been missed meanwhile.
// Without a memory tier (RedisCache) the store is Redis alone, and still
// publishes and acknowledges, for the memory tiers of other instances.
import { randomBytes } from "node:crypto";
import type { MemoryStore } from "./memory-store.js";
import { command, type RedisClientLike } from "./redis-client.js";
import type { RedisStore } from "./redis-store.js";
import { entryBytes, type FailureSink, type Lookup, type Store, type StoredResponse } from "./store.js";
import type { PurgePlan, Tag } from "./tags.js";

interface PurgeMessage {
  readonly from: string;
  readonly id: number;
  readonly plans: readonly PurgePlan[];
}

interface AckWaiter {
  need: number;
  /** The instances that acknowledged: a purge tried again after a late reply is published twice, and acknowledged twice. */
  got: Set<string>;
  done(): void;
}

export interface TieredSettings {
  readonly prefix: string;
  readonly ackTimeout: number;
  readonly commandTimeout: number;
  readonly onFailure: FailureSink;
  /** Told the contexts of every purge that arrives, this instance's own included. */
  readonly onPurgeMessage: (plans: readonly PurgePlan[]) => void;
  /** Milliseconds between heartbeats, with a memory tier. */
  readonly heartbeat: number;
}

/** What an instance publishes to itself on its acknowledgement channel (purge ids are numbers). */
const HEARTBEAT = "heartbeat";

export class TieredStore implements Store {
  readonly instance = randomBytes(9).toString("base64url");
  readonly #purgeChannel: string;
  readonly #ackChannel: string;
  readonly #waiters = new Map<number, AckWaiter>();
  #nextId = 0;
  #subscriber: RedisClientLike | undefined;
  #subscribed = false;
  /** Out of touch since the memory tier last served: it is emptied before it serves again. */
  #lost = false;
  #closed = false;
  /**
   * Heartbeats, with a memory tier: every `heartbeat` ms the instance
   * publishes to itself. A connection that stays up while Redis is paused
   * (SIGSTOP, a long fork) raises no error, yet delivers no purge either:
   * two beats unheard, and the memory tier stops serving until one is heard
   * again, and is emptied then.
   */
  #lastBeat = 0;
  #beats: NodeJS.Timeout | undefined;
  reconnects = 0;
  ackTimeouts = 0;

  constructor(
    readonly memory: MemoryStore | undefined,
    readonly redis: RedisStore,
    private readonly settings: TieredSettings,
  ) {
    this.#purgeChannel = `${settings.prefix}purge`;
    this.#ackChannel = `${settings.prefix}ack:${this.instance}`;
  }

  /** Whether the memory tier may serve: only while purges can reach it. */
  get coherent(): boolean {
    return this.#inTouch();
  }

  /** Subscribed, and a heartbeat heard within two beats (checked here too, not only when the next beat is due). */
  #inTouch(): boolean {
    if (this.#subscribed && this.#beats !== undefined && performance.now() - this.#lastBeat > 2 * this.settings.heartbeat) {
      this.#lost = true;
      this.#subscribed = false;
    }
    return this.#subscribed;
  }

  get available(): boolean {
    return (this.memory !== undefined && this.#subscribed) || this.redis.available;
  }

  /** Subscribes on a duplicate connection (a subscribed connection can run no other command). */
  async start(client: RedisClientLike): Promise<void> {
    const subscriber = client.duplicate();
    this.#subscriber = subscriber;
    const down = (): void => {
      if (this.#subscribed) this.#lost = true;
      this.#subscribed = false;
    };
    subscriber.on("error", (error: unknown) => {
      down();
      if (!this.#closed) this.settings.onFailure("pubsub", error);
    });
    subscriber.on("reconnecting", down);
    subscriber.on("end", down);
    // node-redis resubscribes before "ready": from here on nothing is missed.
    subscriber.on("ready", () => this.#rejoin());
    await subscriber.connect();
    await subscriber.subscribe(this.#purgeChannel, (message) => this.#onPurge(message));
    await subscriber.subscribe(this.#ackChannel, (message) => this.#onAck(message));
    if (subscriber.isReady) this.#subscribed = true;
    if (this.memory !== undefined && !this.#closed) {
      this.#lastBeat = performance.now();
      this.#beats = setInterval(() => this.#beat(), this.settings.heartbeat);
      this.#beats.unref();
    }
  }

  /** Back in touch: a memory tier that was out of touch is emptied (purges may have been missed), then serves again. */
  #rejoin(): void {
    this.#lastBeat = performance.now();
    if (!this.#lost || this.#subscriber?.isReady !== true) return;
    this.#lost = false;
    this.reconnects++;
    this.memory?.clear();
    this.#subscribed = true;
  }

  #beat(): void {
    this.#inTouch();
    const client = this.#publisher?.();
    // A publish that fails shows as a beat not heard.
    if (client !== undefined) command(client, ["PUBLISH", this.#ackChannel, HEARTBEAT], this.settings.heartbeat).catch(() => undefined);
  }

  #onPurge(text: string): void {
    let message: PurgeMessage;
    try {
      message = JSON.parse(text) as PurgeMessage;
    } catch (error) {
      this.settings.onFailure("pubsub", error);
      return;
    }
    // The sender's own memory was purged before Redis; purging again drops
    // what a read racing that purge may have put back.
    this.memory?.purge(message.plans);
    this.settings.onPurgeMessage(message.plans);
    const ack = `${message.id} ${this.instance}`;
    if (message.from === this.instance) {
      this.#onAck(ack);
      return;
    }
    const client = this.#publisher?.();
    if (client === undefined) return;
    command(client, ["PUBLISH", `${this.settings.prefix}ack:${message.from}`, ack], this.settings.commandTimeout).catch(
      (error: unknown) => this.settings.onFailure("pubsub", error),
    );
  }

  #publisher: (() => RedisClientLike | undefined) | undefined;
  setPublisher(client: () => RedisClientLike | undefined): void {
    this.#publisher = client;
  }

  #onAck(text: string): void {
    if (text === HEARTBEAT) return this.#rejoin();
    const space = text.indexOf(" ");
    const waiter = this.#waiters.get(Number(text.slice(0, space)));
    if (waiter === undefined) return;
    waiter.got.add(text.slice(space + 1));
    if (waiter.got.size >= waiter.need) waiter.done();
  }

  lookup(key: string, tags: () => readonly Tag[], ttlMs: number): Promise<Lookup> {
    // Redis alone: its own lookup and snapshot, with no turn added.
    return this.memory === undefined ? this.redis.lookup(key, tags) : this.#lookup(this.memory, key, tags, ttlMs);
  }

  async #lookup(memory: MemoryStore, key: string, tags: () => readonly Tag[], ttlMs: number): Promise<Lookup> {
    let memorySnapshot: string | null = null;
    if (this.#inTouch()) {
      const found = memory.lookup(key, tags);
      if (found.hit !== undefined) return found;
      memorySnapshot = found.snapshot;
    }
    const found = await this.redis.lookup(key, tags);
    if (found.hit !== undefined) {
      // Taken before the Redis read: a purge heard since then refuses this copy.
      if (memorySnapshot !== null && this.#subscribed) {
        const instanceTags = tags();
        memory.fill(key, instanceTags, memorySnapshot, found.hit, ttlMs, entryBytes(key, found.hit, instanceTags));
      }
      return found;
    }
    if (found.snapshot === null) return { hit: undefined, snapshot: null };
    return { hit: undefined, snapshot: `${memorySnapshot ?? ""}|${found.snapshot}` };
  }

  async fill(key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, ttlMs: number, bytes: number): Promise<boolean> {
    if (this.memory === undefined) return this.redis.fill(key, tags, snapshot, entry, ttlMs);
    const bar = snapshot.indexOf("|");
    const memorySnapshot = snapshot.slice(0, bar);
    const stored = await this.redis.fill(key, tags, snapshot.slice(bar + 1), entry, ttlMs);
    if (stored && memorySnapshot !== "" && this.#subscribed) this.memory.fill(key, tags, memorySnapshot, entry, ttlMs, bytes);
    return stored;
  }

  async purge(plans: readonly PurgePlan[]): Promise<boolean> {
    this.memory?.purge(plans);
    const id = ++this.#nextId;
    let timer: NodeJS.Timeout | undefined;
    let acknowledged!: (all: boolean) => void;
    const acked = new Promise<boolean>((resolve) => (acknowledged = resolve));
    // Acknowledgements may come before the reply that says how many to wait for.
    const waiter: AckWaiter = { need: Number.POSITIVE_INFINITY, got: new Set(), done: () => acknowledged(true) };
    this.#waiters.set(id, waiter);
    try {
      const message: PurgeMessage = { from: this.instance, id, plans };
      const receivers = await this.redis.purgeAndPublish(plans, this.#purgeChannel, JSON.stringify(message));
      if (receivers === false) return false;
      // Counted from the purge's landing: a purge slow to land (purgeTimeout) does not eat the instances' time.
      timer = setTimeout(() => acknowledged(false), this.settings.ackTimeout);
      waiter.need = receivers;
      if (waiter.got.size >= waiter.need) waiter.done();
      if (!(await acked)) {
        this.ackTimeouts++;
        this.settings.onFailure("ack", new Error(`${waiter.got.size} of ${receivers} instances acknowledged a purge within ackTimeout`));
      }
      // The purge is in Redis either way; an instance that did not answer in
      // time drops its entries when the message reaches it, or all of them on a reconnect.
      return true;
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(id);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribed = false;
    clearInterval(this.#beats);
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (subscriber?.isOpen) await subscriber.close().catch(() => subscriber.destroy());
    this.memory?.clear();
  }
}
