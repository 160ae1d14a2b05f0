// The Redis store: the same operations as the memory store, each one Lua
// script (atomic in Redis), every command with a timeout and behind a
// circuit breaker. Nothing here throws to the request: a failure is told to
// the sink and answered as "no hit, nothing stored, purge not applied".
import { randomBytes } from "node:crypto";
import { Breaker } from "./breaker.js";
import { command, type RedisClientLike } from "./redis-client.js";
import { FILL, LOOKUP, PURGE, type Script } from "./scripts.js";
import { entryOf, payloadOf, type FailureSink, type Lookup, type Store, type StoredResponse } from "./store.js";
import type { PurgePlan, Tag } from "./tags.js";

export interface RedisStoreSettings {
  /** The client, once there is one (a URL connects in the background). */
  readonly client: () => RedisClientLike | undefined;
  readonly prefix: string;
  readonly commandTimeout: number;
  readonly purgeTimeout: number;
  readonly breaker: Breaker;
  readonly maxGenerations: number;
  readonly skipGenerationCheck: boolean;
  readonly onFailure: FailureSink;
}

/** Lookups sent together: KEYS and ARGV of one LOOKUP call, and who waits for each. */
interface Batch {
  readonly keys: string[];
  readonly args: string[];
  readonly settle: ((lookup: Lookup) => void)[];
}

// The most lookups in one call: a longer script would hold Redis (single-threaded) up for everyone.
const MAX_BATCH = 64;

// Between two tries of a purge that failed at once (no connection): a reconnect is awaited this often.
const PURGE_RETRY_MS = 25;

/** The breaker is open: no command was sent. */
class Unavailable extends Error {}

export class RedisStore implements Store {
  readonly #s: RedisStoreSettings;
  readonly #gens: string;
  readonly #skip: string;
  // Epoch tokens: unique per call, so a Redis that lost its data gets an epoch no old snapshot has.
  readonly #tokenBase = randomBytes(9).toString("base64url");
  #tokenCount = 0;

  constructor(settings: RedisStoreSettings) {
    this.#s = settings;
    this.#gens = `${settings.prefix}g`;
    this.#skip = settings.skipGenerationCheck ? "1" : "0";
  }

  /** False while the breaker is open and no probe is due: requests then skip Redis without a lookup. */
  get available(): boolean {
    return this.#s.breaker.usable;
  }

  entryKey(key: string): string {
    return `${this.#s.prefix}e:${key}`;
  }

  #token(): string {
    return `${this.#tokenBase}.${++this.#tokenCount}`;
  }

  /** `always`: sent even while the breaker is open (a purge; its success closes the breaker). */
  #eval(script: Script, keys: readonly string[], args: readonly string[], always = false, commandTimeout = this.#s.commandTimeout): Promise<unknown> {
    const { breaker } = this.#s;
    const client = this.#s.client();
    if (client === undefined || (!always && !breaker.allow())) return Promise.reject(new Unavailable());
    const tail = [String(keys.length), ...keys, ...args];
    const done = (reply: unknown): unknown => {
      breaker.success();
      return reply;
    };
    const failed = (error: unknown): never => {
      breaker.failure();
      throw error;
    };
    // One turn on the way back, no async frames: a hit's whole cost in this process is a few µs.
    return command(client, ["EVALSHA", script.sha, ...tail], commandTimeout).then(done, (error: unknown) =>
      // A restarted Redis has no scripts: EVAL sends the source (and caches it again).
      String((error as Error)?.message).startsWith("NOSCRIPT")
        ? command(client, ["EVAL", script.source, ...tail], commandTimeout).then(done, failed)
        : failed(error),
    );
  }

  /** Loads the scripts, so the first fill does not fall back to EVAL after a NOSCRIPT round trip. */
  async preload(): Promise<void> {
    const client = this.#s.client();
    if (client === undefined) return;
    try {
      await Promise.all([LOOKUP, FILL, PURGE].map((script) => command(client, ["SCRIPT", "LOAD", script.source], 1000)));
    } catch (error) {
      this.#s.onFailure("redis", error);
    }
  }

  #failed(error: unknown): void {
    if (!(error instanceof Unavailable)) this.#s.onFailure("redis", error);
  }

  /**
   * The lookups started in this turn of the loop, sent as one script call
   * once it ends: under load, one command and one reply for many requests
   * (Redis's time per hit about a third less, the process's a little), for
   * one turn of the loop more per lookup.
   */
  #batch: Batch | undefined;

  lookup(key: string, tags: () => readonly Tag[]): Promise<Lookup> {
    const tagged = tags();
    return new Promise((resolve) => {
      let batch = this.#batch;
      if (batch === undefined) {
        batch = this.#batch = { keys: [this.#gens], args: [this.#skip, this.#token()], settle: [] };
        setImmediate(() => this.#send(batch!));
      }
      batch.keys.push(this.entryKey(key));
      batch.args.push(String(tagged.length), ...tagged);
      batch.settle.push(resolve);
      if (batch.settle.length === MAX_BATCH) this.#send(batch);
    });
  }

  #send(batch: Batch): void {
    if (this.#batch !== batch) return; // sent already (full)
    this.#batch = undefined;
    this.#eval(LOOKUP, batch.keys, batch.args).then(
      (reply) => {
        // Anything but the script's flat list (a proxy's answer) is a miss for each, never a hang.
        const replies: readonly unknown[] = Array.isArray(reply) ? reply : [];
        batch.settle.forEach((settle, i) => {
          const payload = replies[2 * i + 1];
          if (typeof payload !== "string") return settle({ hit: undefined, snapshot: null });
          if (replies[2 * i] !== 1) return settle({ hit: undefined, snapshot: payload });
          const entry = entryOf(payload);
          settle(entry === undefined ? { hit: undefined, snapshot: null } : { hit: entry, tier: "redis" });
        });
      },
      (error: unknown) => {
        this.#failed(error);
        for (const settle of batch.settle) settle({ hit: undefined, snapshot: null });
      },
    );
  }

  async fill(key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, ttlMs: number): Promise<boolean> {
    const index = tags.map((tag) => `${this.#s.prefix}i:${tag}`);
    try {
      const stored = await this.#eval(FILL, [this.#gens, this.entryKey(key), ...index], [
        this.#skip,
        snapshot,
        String(ttlMs),
        payloadOf(entry),
        ...tags,
      ]);
      return stored === 1;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  purge(plans: readonly PurgePlan[]): Promise<boolean> {
    return this.purgeAndPublish(plans, "", "").then((receivers) => receivers !== false);
  }

  /**
   * Purges and, in the same script, publishes `message` on `channel`; the
   * number of receivers, or false when it did not land within
   * `purgeTimeout`. Until then a failure is tried again (a connection coming
   * back, a reply slow under load): a purge given up answers the mutation
   * while other instances may still serve what it purges. Not held back by
   * an open breaker either: the breaker spares reads a wait, but a purge held
   * back would leave other instances serving what it purges until the
   * breaker's next probe, although Redis may be back already.
   */
  async purgeAndPublish(plans: readonly PurgePlan[], channel: string, message: string): Promise<number | false> {
    const json = JSON.stringify(plans.map((plan) => ({ b: plan.bump, g: plan.groups, d: plan.broad })));
    const deadline = Date.now() + this.#s.purgeTimeout;
    for (;;) {
      const left = deadline - Date.now();
      try {
        const reply = (await this.#eval(PURGE, [this.#gens], [
          `${this.#s.prefix}i:`,
          json,
          channel,
          message,
          String(this.#s.maxGenerations),
          this.#token(),
        ], true, Math.max(left, 1))) as [number, number];
        return reply[1];
      } catch (error) {
        if (deadline - Date.now() <= PURGE_RETRY_MS) {
          // Its own kind: what it means (other instances may serve what it purges) is not a slow lookup's.
          const why = error instanceof Error ? error.message : String(error);
          this.#s.onFailure("purge", new Error(`a purge did not land within purgeTimeout (${why}): kept and retried; other instances may serve what it purges until it lands`, { cause: error }));
          return false;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, PURGE_RETRY_MS));
    }
  }

  async close(): Promise<void> {}
}
