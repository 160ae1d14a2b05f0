// The randomized multi-user run: waves of concurrent reads by several users
// over every context, then mutations, each read checked against what the
// model (the database and the render functions) says it must return.
import { canonicalJson } from "mizan/protocol";
import type { Handler } from "mizan/server";
import type { Handle } from "../../runtime/server/handler.js";
import { Cancellation } from "../../runtime/server/cancellation.js";
import { render, type Db } from "./app.js";

/** A seeded PRNG (mulberry32): the same seed replays the same run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RunResult {
  requests: number;
  reads: number;
  mutations: number;
  crossUser: number;
  stale: number;
  failed: number;
}

const STATUSES = ["open", "shipped"];
const TAGS = ["a", "b", "c"];

interface Read {
  path: string;
  who: string | null;
  expected: string;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomRead(random: () => number, db: Db, users: number): Read {
  const who = random() < 0.05 ? null : `u${1 + Math.floor(random() * users)}`;
  const kind = random();
  if (kind < 0.6) {
    const userId = 1 + Math.floor(random() * users);
    const status = random() < 0.5 ? undefined : pick(random, STATUSES);
    const expected = canonicalJson({ orders: render.orders(db, who, userId, status), profile: render.profile(db, who, userId) });
    return { path: `user/?userId=${userId}${status === undefined ? "" : `&status=${status}`}`, who, expected };
  }
  if (kind < 0.85) {
    const tag = random() < 0.3 ? undefined : pick(random, TAGS);
    return { path: `catalog/${tag === undefined ? "" : `?tag=${tag}`}`, who, expected: canonicalJson({ products: render.products(db, tag) }) };
  }
  return { path: "feed/", who, expected: canonicalJson({ feed: render.feed(db, who) }) };
}

function randomMutation(random: () => number, users: number, step: number): [string, unknown] {
  const userId = 1 + Math.floor(random() * users);
  const kind = random();
  if (kind < 0.45) return ["rename", { userId, name: `n${step}` }];
  if (kind < 0.75) return ["addOrder", { userId, status: pick(random, STATUSES) }];
  if (kind < 0.92) return ["addProduct", { tag: pick(random, TAGS), sku: `s${step}` }];
  return ["post", {}];
}

/** Reads' viewer differs from the requester: somebody else's entry. */
function crossUser(read: Read, body: string): boolean {
  if (read.path.startsWith("catalog/")) return false;
  const viewers = [...body.matchAll(/"viewer":(null|"[^"]*")/g)].map((match) => JSON.parse(match[1]!) as string | null);
  return viewers.some((viewer) => viewer !== read.who);
}

export async function randomRun(
  handler: Handler<any, any>,
  db: Db,
  options: { seed: number; requests: number; users: number; wave: number; afterAnswer?: boolean },
): Promise<RunResult> {
  const random = rng(options.seed);
  const result: RunResult = { requests: 0, reads: 0, mutations: 0, crossUser: 0, stale: 0, failed: 0 };
  let step = 0;
  while (result.requests < options.requests) {
    const reads = Array.from({ length: options.wave }, () => randomRead(random, db, options.users));
    const responses = await Promise.all(reads.map((read) => readDirect(handler, read.path, read.who, options.afterAnswer)));
    responses.forEach((response, i) => {
      const read = reads[i]!;
      if (response.status !== 200) result.failed++;
      else if (crossUser(read, response.body)) result.crossUser++;
      else if (response.body !== read.expected) result.stale++;
    });
    result.reads += reads.length;
    result.requests += reads.length;
    // Over node:http the loop turns between requests and the wave's entries are stored; here at
    // random, so that some are stored before the mutations and some after them (refused or purged).
    if (options.afterAnswer && random() < 0.5) await new Promise((resolve) => setImmediate(resolve));
    const mutations = Math.floor(random() * 3);
    for (let i = 0; i < mutations; i++) {
      const [name, args] = randomMutation(random, options.users, step++);
      // invoke runs the same purge (settleInvalidation) as a POST /call/, without the HTTP framing.
      await handler.invoke(name as never, args as never).catch(() => result.failed++);
      result.mutations++;
      result.requests++;
    }
  }
  return result;
}

/**
 * A context GET through the handler's own entry (the one toNodeListener
 * uses), without building a Fetch Request and Response: the cache path is
 * the same, at a fraction of the cost, so 100k requests fit a test.
 */
export async function readDirect(handler: Handler<any, any>, path: string, who: string | null, afterAnswer = false): Promise<{ status: number; body: string }> {
  const out = await answerDirect(handler, path, who, afterAnswer);
  const body = out.body ?? "";
  return { status: out.status, body: typeof body === "string" ? body : Buffer.from(body).toString("utf8") };
}

/** readDirect's answer as the entry gives it, its body a string or the bytes of a memory hit. */
export async function answerDirect(
  handler: Handler<any, any>,
  path: string,
  who: string | null,
  afterAnswer = false,
): Promise<{ status: number; body: string | Uint8Array | null }> {
  const url = new URL(`http://app.test/api/mizan/ctx/${path}`);
  const headers: Record<string, string> = who === null ? {} : { authorization: who };
  let request: Request | undefined;
  const full = (): Request => (request ??= new Request(url, { headers }));
  return entryOf(handler)({
    method: "GET",
    path: url.pathname,
    search: url.search,
    url,
    header: (name) => headers[name] ?? null,
    readBody: async () => ({ ok: true, bytes: new Uint8Array(0) }),
    request: full,
    requestHead: full,
    cancellation: new Cancellation(() => undefined),
    left: () => false,
    cancelled: () => false,
    // As over node:http: a miss's entry stored after the answer.
    ...(afterAnswer ? { afterAnswer: (task: () => void) => void setImmediate(task) } : {}),
  });
}

/** The handler's node entry (handler.ts's HANDLE), found by its description: the package's module instance is not this file's. */
function entryOf(handler: Handler<any, any>): Handle {
  const symbol = Object.getOwnPropertySymbols(handler).find((s) => s.description === "mizan.handle");
  if (symbol === undefined) throw new Error("the handler has no node entry");
  return (handler as unknown as Record<symbol, Handle>)[symbol]!;
}
