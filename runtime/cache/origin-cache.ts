// The origin cache shared by MemoryCache, RedisCache and TieredCache: key
// derivation, per-context policy, single-flight, purges that are kept and
// retried when the store cannot take them, rate-limited error reports and
// the metrics. The stores below it do the storing.
import type { Target } from "../protocol/index.js";
import type { BindOptions, CacheBinding, CacheErrorInfo, CacheReporter, CacheRequest, CachedRoutes, OriginCacheLike } from "./binding.js";
import { CacheKeyer, defaultPrincipalKey, QueryKeys } from "./keys.js";
import { entryBytes, type Lookup, type Store, type StoredResponse } from "./store.js";
import { declaredParams, instanceTags, purgePlan, type PurgePlan, type Tag } from "./tags.js";
import { UNSAFE_SKIP_GENERATION_CHECK } from "./unsafe.js";

export interface ContextCacheSettings {
  /** Seconds an entry lives at most. */
  ttl?: number;
  /** Largest response (bytes of body and headers) stored; larger ones are served uncached and reported. */
  maxEntryBytes?: number;
  /** false: never cache this context. */
  enabled?: boolean;
}

export interface CacheOptions {
  /**
   * The application secret the key-hashing key is derived from (HKDF-SHA256,
   * for cache keys only). At least 32 bytes; keep it out of the source.
   */
  secret: string | Uint8Array;
  /**
   * The identity a user-scoped entry is keyed by, from `authenticate`'s
   * principal. Default: a string or number principal itself, else its `id`.
   */
  principalKey?: (user: any) => string;
  /** Seconds an entry lives at most. Default 60. */
  ttl?: number;
  /** Largest entry in bytes. Default 1 MiB. */
  maxEntryBytes?: number;
  /** Per-context settings, by context name. */
  contexts?: Readonly<Record<string, ContextCacheSettings>>;
  /** Milliseconds between two onError reports of one kind of cache failure. Default 10 000. */
  errorInterval?: number;
  /** Milliseconds between retries of a purge the store could not take. Default 200. */
  retryInterval?: number;
  /** Test-only: skip the generation check (shows what it prevents). */
  [UNSAFE_SKIP_GENERATION_CHECK]?: boolean;
}

export const DEFAULT_TTL = 60;
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;
// Kept purges are sent together when the store is back, in one script and
// one message to the other instances: past either bound (an outage under a
// stream of mutations, long arguments), they collapse into one broad purge
// per context, which covers them all and stays small.
const MAX_PENDING = 10_000;
const MAX_PENDING_BYTES = 256 * 1024;

/** Counters since the cache was created. */
export interface CacheMetrics {
  hits: number;
  memoryHits: number;
  redisHits: number;
  misses: number;
  /** Requests that joined a computation already running for the same key. */
  coalesced: number;
  fills: number;
  /** Fills refused because a purge bumped a generation since their snapshot. */
  fillsRefused: number;
  /** Requests served without the cache: anonymous user-scoped reads, purges pending, store unavailable, disabled contexts. */
  bypassed: number;
  oversized: number;
  purges: number;
  /** Purges kept for retry right now. */
  purgesPending: number;
  purgeRetries: number;
  /** Backend failures (timeouts, connection errors), reported or not. */
  errors: number;
}

interface Policy {
  readonly ttlMs: number;
  readonly maxEntryBytes: number;
  readonly enabled: boolean;
  readonly principalRequired: boolean;
  readonly names: readonly string[] | undefined;
  readonly keys: QueryKeys;
  /** How long a running computation may be joined: the handler's timeout (a hung one is not joined for ever). */
  readonly joinMs: number;
}

/** A running computation, and when it started (performance.now()); `entry` once it has finished, until it is stored. */
interface Flight {
  readonly response: Promise<StoredResponse>;
  readonly started: number;
  entry?: StoredResponse;
}

/** The join window of a cache bound without a handler timeout: the handler's default. */
const DEFAULT_JOIN_MS = 30_000;

/** A setting's value (its fallback when not given), refused unless positive (and whole, and at most `max`). */
export function positive(value: number | undefined, fallback: number, what: string, whole = true, max = Number.MAX_SAFE_INTEGER): number {
  const out = value ?? fallback;
  if (!(whole ? Number.isSafeInteger(out) : Number.isFinite(out)) || out <= 0 || out > max) {
    throw new TypeError(`mizan cache: ${what} must be a positive ${whole ? "whole " : ""}number${max < Number.MAX_SAFE_INTEGER ? ` of at most ${max}` : ""}`);
  }
  return out;
}

export abstract class OriginCache implements OriginCacheLike {
  protected readonly skipGenerationCheck: boolean;
  readonly #keyer: CacheKeyer;
  readonly #principalKey: (user: unknown) => string;
  readonly #options: CacheOptions;
  readonly #errorInterval: number;
  readonly #retryInterval: number;
  readonly #reporters = new Set<CacheReporter>();
  readonly #lastReport = new Map<string, { at: number; suppressed: number }>();
  // Never empty: V8 gives a Map a new table whenever its last entry goes (a
  // shrink with no lower bound), which a lone miss's set and delete would
  // then pay every time. "" is never a flight key.
  readonly #flights = new Map<string, Flight | null>([["", null]]);
  /** Per context, bumped by every purge this process hears of: a running computation from before is not joined. */
  readonly #heard = new Map<string, number>();
  readonly #pending: PurgePlan[] = [];
  /** The targets of the kept plans, one for one (a context's name once collapsed). */
  readonly #pendingTargets: Target[] = [];
  readonly #landed = new Set<(targets: readonly Target[]) => void>();
  readonly #heardBy = new Set<(contexts: readonly string[]) => void>();
  readonly #pendingContexts = new Map<string, number>();
  /** The kept plans' tags' text, about what sending them costs. */
  #pendingBytes = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #flushing = false;
  #collapsed = false;
  #closed = false;
  readonly #counters: CacheMetrics = {
    hits: 0,
    memoryHits: 0,
    redisHits: 0,
    misses: 0,
    coalesced: 0,
    fills: 0,
    fillsRefused: 0,
    bypassed: 0,
    oversized: 0,
    purges: 0,
    purgesPending: 0,
    purgeRetries: 0,
    errors: 0,
  };
  /** Declared params per context, from every bound route table (purges need them). */
  readonly #names = new Map<string, readonly string[] | undefined>();

  protected abstract readonly store: Store;

  constructor(options: CacheOptions) {
    if (options === null || typeof options !== "object") throw new TypeError("mizan cache: options with a secret are required");
    this.#keyer = new CacheKeyer(options.secret);
    const principalKey = options.principalKey ?? defaultPrincipalKey;
    if (typeof principalKey !== "function") throw new TypeError("mizan cache: principalKey must be a function");
    this.#principalKey = principalKey;
    positive(options.ttl, DEFAULT_TTL, "ttl");
    positive(options.maxEntryBytes, DEFAULT_MAX_ENTRY_BYTES, "maxEntryBytes");
    this.#errorInterval = positive(options.errorInterval, 10_000, "errorInterval");
    this.#retryInterval = positive(options.retryInterval, 200, "retryInterval");
    this.skipGenerationCheck = options[UNSAFE_SKIP_GENERATION_CHECK] === true;
    this.#options = options;
  }

  /** Counters and sizes right now. */
  metrics(): CacheMetrics & Record<string, number> {
    return { ...this.#counters, purgesPending: this.#pending.length, ...this.storeMetrics() };
  }

  protected storeMetrics(): Record<string, number> {
    return {};
  }

  /** Stops the retry timer and closes what the cache opened (not a client the application passed). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await this.store.close();
  }

  bind(routes: CachedRoutes, report: CacheReporter, handler: BindOptions = {}): CacheBinding {
    const policies = this.#policies(routes, handler.timeout ?? DEFAULT_JOIN_MS);
    this.#reporters.add(report);
    return {
      read: (context, params, user, build, request, query) => this.#read(policies.get(context), context, params, user, build, request, query),
      purge: (targets, request) => this.#purge(targets, request),
      onLanded: (listener) => void this.#landed.add(listener),
      onHeard: (listener) => void this.#heardBy.add(listener),
    };
  }

  #policies(routes: CachedRoutes, joinMs: number): Map<string, Policy> {
    const options = this.#options;
    const overrides = options.contexts ?? {};
    for (const name of Object.keys(overrides)) {
      if (!Object.hasOwn(routes.contexts, name)) throw new TypeError(`mizan cache: contexts.${name}: no context has this name`);
    }
    const out = new Map<string, Policy>();
    for (const [name, context] of Object.entries(routes.contexts)) {
      const own = Object.hasOwn(overrides, name) ? overrides[name]! : {};
      const names = declaredParams(context.query);
      this.#names.set(name, names);
      out.set(name, {
        ttlMs: positive(own.ttl ?? options.ttl, DEFAULT_TTL, `ttl of ${name}`) * 1000,
        maxEntryBytes: positive(own.maxEntryBytes ?? options.maxEntryBytes, DEFAULT_MAX_ENTRY_BYTES, `maxEntryBytes of ${name}`),
        enabled: own.enabled !== false,
        // A dynamic context is user-scoped or reads the request (PROTOCOL §3, §6).
        principalRequired: context.renderStrategy !== "psr" || context.userScoped,
        names,
        keys: new QueryKeys(),
        joinMs,
      });
    }
    return out;
  }

  /** Tells onError, at most once per interval and kind, with the count of what was held back. */
  protected report(kind: string, error: unknown, info: CacheErrorInfo): void {
    this.#counters.errors++;
    const now = Date.now();
    const last = this.#lastReport.get(kind);
    if (last !== undefined && now - last.at < this.#errorInterval) {
      last.suppressed++;
      return;
    }
    const suppressed = last?.suppressed ?? 0;
    this.#lastReport.set(kind, { at: now, suppressed: 0 });
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(
      `mizan cache (${kind}): ${message}${suppressed > 0 ? ` (${suppressed} more since the last report)` : ""}`,
      { cause: error },
    );
    for (const reporter of this.#reporters) reporter(wrapped, info);
  }

  /** For stores: a backend failure outside any one request. */
  protected readonly onFailure = (kind: string, error: unknown): void => {
    // After close(): a fill or lookup still on its way finds the connection closed, as it was asked to be.
    if (this.#closed) return;
    this.report(kind, error, { name: undefined, method: "", url: "" });
  };

  /** A purge this process makes or hears of from elsewhere (pub/sub). */
  protected heard(plans: readonly PurgePlan[], fromElsewhere = true): void {
    for (const plan of plans) this.#heard.set(plan.context, (this.#heard.get(plan.context) ?? 0) + 1);
    if (fromElsewhere && this.#heardBy.size > 0) {
      const contexts = plans.map((plan) => plan.context);
      for (const listener of this.#heardBy) listener(contexts);
    }
  }

  #read(
    policy: Policy | undefined,
    context: string,
    params: Readonly<Record<string, unknown>>,
    user: unknown,
    build: () => Promise<StoredResponse>,
    request: CacheRequest,
    query: string | undefined,
  ): StoredResponse | Promise<StoredResponse> {
    const counters = this.#counters;
    if (
      policy === undefined ||
      !policy.enabled ||
      // No principal: nothing may be shared, and a user-scoped key cannot be built.
      (policy.principalRequired && (user === null || user === undefined)) ||
      this.#pendingContexts.has(context) ||
      !this.store.available
    ) {
      counters.bypassed++;
      return build();
    }
    let key: string;
    let principal: string | null;
    // Remembered once it hits: a stream of distinct queries (all misses) never churns the memo.
    let remember = false;
    try {
      principal = policy.principalRequired ? this.#principalKey(user) : null;
      // Only a string identifies: any other value would turn into the same text for every principal.
      if (principal !== null && typeof principal !== "string") throw new TypeError("mizan cache: principalKey must return a string");
      const remembered = query === undefined ? undefined : policy.keys.get(query, principal);
      key = remembered ?? this.#keyer.key(context, params, principal, policy.principalRequired, query === undefined);
      remember = remembered === undefined && query !== undefined;
    } catch (error) {
      this.report("key", error, { name: context, method: request.method, url: request.url });
      counters.bypassed++;
      return build();
    }
    let tags: readonly Tag[] | undefined;
    const tagsOf = (): readonly Tag[] => (tags ??= instanceTags(context, policy.names, params));
    const found = this.store.lookup(key, tagsOf, policy.ttlMs);
    // A memory hit is answered in this same turn.
    if (!(found instanceof Promise)) {
      if (remember && found.hit !== undefined) policy.keys.set(query!, principal, key);
      return this.#found(found, policy, context, key, tagsOf, build, request);
    }
    return found.then((settled) => {
      if (remember && settled.hit !== undefined) policy.keys.set(query!, principal, key);
      return this.#found(settled, policy, context, key, tagsOf, build, request);
    });
  }

  #found(
    found: Lookup,
    policy: Policy,
    context: string,
    key: string,
    tagsOf: () => readonly Tag[],
    build: () => Promise<StoredResponse>,
    request: CacheRequest,
  ): StoredResponse | Promise<StoredResponse> {
    const counters = this.#counters;
    if (found.hit !== undefined) {
      counters.hits++;
      if (found.tier === "memory") counters.memoryHits++;
      else counters.redisHits++;
      return found.hit;
    }
    counters.misses++;
    // Single-flight: join a computation only if it started from the same
    // generations and no purge of this context was heard since.
    const flightKey = `${key}|${found.snapshot}|${this.#heard.get(context) ?? 0}`;
    const running = this.#flights.get(flightKey);
    const now = performance.now();
    // One that has run past the handler's timeout may hang for good: the next reader starts afresh.
    if (running != null && now - running.started < policy.joinMs) {
      counters.coalesced++;
      // Finished, its entry about to be stored: answered in this turn.
      return running.entry ?? running.response;
    }
    const snapshot = found.snapshot;
    // Forgotten as it settles, either way, in its own handlers: no second
    // promise and closure per miss just to forget it.
    const flight: Flight = {
      response: build().then(
        (entry) => {
          const store = (): void => {
            this.#land(flightKey, flight);
            if (snapshot !== null && !this.#closed) this.#fill(policy, context, key, tagsOf(), snapshot, entry, request);
          };
          if (request.afterAnswer === undefined) store();
          else {
            // Stored once the response is written, so that the fill is not
            // in the miss's own latency; until then a read that finds the
            // flight takes its entry. The flight's key holds the snapshot
            // and the purges heard, so a read after a purge never joins it,
            // as a fill after a purge is refused.
            flight.entry = entry;
            request.afterAnswer(store);
          }
          return entry;
        },
        (error: unknown) => {
          this.#land(flightKey, flight);
          throw error;
        },
      ),
      started: now,
    };
    this.#flights.set(flightKey, flight);
    return flight.response;
  }

  #land(flightKey: string, flight: Flight): void {
    if (this.#flights.get(flightKey) === flight) this.#flights.delete(flightKey);
  }

  #fill(policy: Policy, context: string, key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, request: CacheRequest): void {
    const counters = this.#counters;
    // A purge of this context is waiting for the store: what was computed may predate it.
    if (this.#pendingContexts.has(context)) return;
    const bytes = entryBytes(key, entry, tags);
    // A memory store alone can never hold more than its whole budget.
    const budget = this.store.maxBytes;
    if (bytes > policy.maxEntryBytes || (budget !== undefined && bytes > budget)) {
      counters.oversized++;
      const limit = bytes > policy.maxEntryBytes ? `maxEntryBytes ${policy.maxEntryBytes}` : `the memory budget, maxBytes ${budget}`;
      // The request's own fields: a spread would copy its internals and miss its url, a getter.
      this.report(`oversized ${context}`, new Error(`a response of ${context} has ${bytes} bytes, over ${limit}: served uncached`), {
        name: context,
        method: request.method,
        url: request.url,
      });
      return;
    }
    const done = (stored: boolean): void => {
      if (stored) counters.fills++;
      else counters.fillsRefused++;
    };
    const stored = this.store.fill(key, tags, snapshot, entry, policy.ttlMs, bytes);
    if (typeof stored === "boolean") done(stored);
    else void stored.then(done);
  }

  async #purge(targets: readonly Target[], request: CacheRequest | undefined): Promise<void> {
    if (targets.length === 0) return;
    const plans = targets.map((target) => {
      const context = typeof target === "string" ? target : target.context;
      return purgePlan(target, this.#names.has(context) ? this.#names.get(context) : undefined);
    });
    this.heard(plans, false);
    this.#counters.purges++;
    let landed = false;
    try {
      landed = await this.store.purge(plans);
    } catch (error) {
      this.report("purge", error, { name: undefined, method: request?.method ?? "", url: request?.url ?? "" });
    }
    if (!landed) this.#keep(plans, targets);
  }

  /** Keeps plans that did not land; reads of their contexts bypass the cache until they do. */
  #keep(plans: readonly PurgePlan[], targets: readonly Target[]): void {
    this.#pending.push(...plans);
    this.#pendingTargets.push(...targets);
    for (const plan of plans) this.#count(plan);
    if (this.#pending.length > MAX_PENDING || this.#pendingBytes > MAX_PENDING_BYTES) {
      // Too many or too large to keep one by one: one broad purge per context covers them all.
      const contexts = [...new Set(this.#pending.map((plan) => plan.context))];
      this.#pending.length = 0;
      this.#pending.push(...contexts.map((context) => purgePlan(context, undefined)));
      this.#pendingTargets.length = 0;
      this.#pendingTargets.push(...contexts);
      this.#collapsed = true;
      this.#countPending();
    }
    this.#scheduleRetry();
  }

  #countPending(): void {
    this.#pendingContexts.clear();
    this.#pendingBytes = 0;
    for (const plan of this.#pending) this.#count(plan);
  }

  /** Counts a kept plan: its context's reads bypass the cache, its text adds to what sending them costs. */
  #count(plan: PurgePlan): void {
    this.#pendingContexts.set(plan.context, (this.#pendingContexts.get(plan.context) ?? 0) + 1);
    this.#pendingBytes += planBytes(plan);
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#flush();
    }, this.#retryInterval);
    this.#retryTimer.unref();
  }

  async #flush(): Promise<void> {
    if (this.#flushing || this.#pending.length === 0) return;
    this.#flushing = true;
    this.#collapsed = false;
    const batch = this.#pending.slice();
    const targets = this.#pendingTargets.slice();
    this.#counters.purgeRetries++;
    let landed = false;
    try {
      landed = await this.store.purge(batch);
    } catch (error) {
      this.onFailure("purge", error);
    }
    this.#flushing = false;
    if (landed) {
      // Collapsed meanwhile: the list is broad purges now, which cover the batch; they stay.
      if (!this.#collapsed) {
        this.#pending.splice(0, batch.length);
        this.#pendingTargets.splice(0, targets.length);
      }
      this.#countPending();
      this.heard(batch, false);
      for (const listener of this.#landed) listener(targets);
    }
    if (this.#pending.length > 0) this.#scheduleRetry();
  }
}

function planBytes(plan: PurgePlan): number {
  let bytes = plan.context.length;
  for (const tag of plan.bump) bytes += tag.length;
  for (const group of plan.groups) for (const tag of group) bytes += tag.length;
  return bytes;
}
