// Purge racing 64 concurrent fills. Each iteration: a purge empties the
// instance; 64 users read it at once (64 keys, 64 fills), each function
// reading the data and then yielding a seeded number of event-loop turns
// before returning it; at a seeded turn the data changes and its purge
// runs. After the purge returned and every racing read settled, all 64
// read again: any answer from the cache older than the change is a stale
// read. Those reads compute nothing on a miss (their build rejects): a
// miss would compute the current data, so only a hit can be stale, and a
// fill of theirs would only be purged by the next iteration.
// Driven through the cache binding itself (what createHandler calls), so
// the store is the real one and the iterations are cheap.
import type { OriginCache } from "mizan/cache";
import { appRoutes, newDb } from "./app.js";
import { rng } from "./model.js";

const FILLS = 64;

/** `count` event-loop turns (setImmediate) or microtask turns: Redis replies need the former to interleave. */
function turns(count: number, macro: boolean): Promise<void> {
  if (!macro) {
    let chain = Promise.resolve();
    for (let i = 0; i < count; i++) chain = chain.then();
    return chain;
  }
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else setImmediate(step, left - 1);
    };
    step(count);
  });
}

export interface RaceResult {
  iterations: number;
  stale: number;
  /** Verification reads served from the cache (with the check, none: every racing fill was refused or purged). */
  hits: number;
  /** Fills refused by the generation check: the race did happen. */
  refused: number;
}

export interface RaceOptions {
  seed: number;
  iterations: number;
  maxTurns: number;
  macro: boolean;
  /**
   * The data changes, and its purge runs, once every racing function has
   * read it, and they return only after that: each fill then races the
   * purge, however fast the store answers. The controls use it, so that
   * their stale reads do not hang on how a loaded machine schedules Redis.
   */
  changeAfterReads?: boolean;
  /** Fills are made after the answer (setImmediate), as over node:http, rather than before it. */
  afterAnswer?: boolean;
}

export async function purgeRace(cache: OriginCache, options: RaceOptions): Promise<RaceResult> {
  const db = newDb(1);
  const errors: unknown[] = [];
  const binding = cache.bind(appRoutes(db), (error) => errors.push(error));
  const random = rng(options.seed);
  const request = { method: "GET", url: "http://app.test/race", afterAnswer: options.afterAnswer ? (task: () => void) => void setImmediate(task) : undefined };
  const params = { userId: 1 };
  const target = { context: "user", params: { userId: 1 } };
  let version = 0;
  const result: RaceResult = { iterations: 0, stale: 0, hits: 0, refused: 0 };
  let reads = 0;
  let everyRead = (): void => {};
  let changed = Promise.resolve();
  const read = (who: number, delay: number) =>
    binding.read("user", params, { id: `p${who}` }, async () => {
      const body = String(version);
      if (options.changeAfterReads) {
        if (++reads === FILLS) everyRead();
        await changed;
      }
      await turns(delay, options.macro);
      return { body, headers: { etag: `"${body}"` } };
    }, request);
  const missed = new Error("miss");
  /** What the cache serves this reader now: its entry's body, or undefined on a miss. */
  const cached = (who: number): Promise<string | undefined> =>
    Promise.resolve(binding.read("user", params, { id: `p${who}` }, () => Promise.reject(missed), request)).then(
      (entry) => entry.body,
      (error: unknown) => {
        if (error !== missed) throw error;
        return undefined;
      },
    );

  for (let iteration = 0; iteration < options.iterations; iteration++) {
    await binding.purge([target], undefined);
    const delays = Array.from({ length: FILLS }, () => Math.floor(random() * (options.maxTurns + 1)));
    reads = 0;
    const allRead = new Promise<void>((resolve) => (everyRead = resolve));
    let change = (): void => {};
    changed = new Promise<void>((resolve) => (change = resolve));
    const racing = delays.map((delay, who) => read(who, delay));
    // A read the store answered without computing never counts: bounded by time, not by all 64.
    if (options.changeAfterReads) await Promise.race([allRead, new Promise((resolve) => setTimeout(resolve, 1000))]);
    else await turns(Math.floor(random() * (options.maxTurns + 1)), options.macro);
    version++;
    await binding.purge([target], undefined);
    change();
    await Promise.all(racing);
    const verified = await Promise.all(delays.map((_, who) => cached(who)));
    for (const body of verified) {
      if (body === undefined) continue;
      result.hits++;
      if (body !== String(version)) result.stale++;
    }
    result.iterations++;
  }
  result.refused = cache.metrics().fillsRefused;
  if (errors.length > 0) throw new Error(`cache errors during the race: ${String(errors[0])}`);
  return result;
}
