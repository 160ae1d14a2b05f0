// Purge latency with 10k entries in the index: fill 10k instances of the
// shop's user context (2000 userIds × 5 principals), then time purges of one
// scoped target ({user, userId: n}, 5 entries each) as a mutation's hook
// would run them. In-process; the Redis kinds talk to a real redis-server.
import { createHandler } from "mizan/server";
import { MemoryCache, RedisCache, TieredCache, type OriginCache } from "mizan/cache";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { SECRET } from "./shared.js";

const USERS = 2000;
const PRINCIPALS = 5;
const PURGES = 1000;

export interface PurgeResult {
  kind: string;
  entries: number;
  p50: number;
  p99: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function purgeBench(kind: string, cache: OriginCache): Promise<PurgeResult> {
  const handler = createHandler({ routes, authenticate: (request) => request.headers.get("authorization"), cache });
  for (let userId = 1; userId <= USERS; userId++) {
    await Promise.all(
      Array.from({ length: PRINCIPALS }, (_, p) =>
        handler(new Request(`http://localhost/api/mizan/ctx/user/?userId=${userId}`, { headers: { authorization: `p${p}` } })).then((r) => r.arrayBuffer()),
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  const filled = cache.metrics().fills;
  const binding = cache.bind(routes, () => undefined);
  const times: number[] = [];
  for (let i = 0; i < PURGES; i++) {
    const userId = 1 + ((i * 7) % USERS);
    const start = performance.now();
    await binding.purge([{ context: "user", params: { userId } }], undefined);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  // A purge that did not land (kept for retry) would be timed as nothing: refuse such a run.
  const after = cache.metrics();
  if (after.purgesPending > 0 || after.purgeRetries > 0) throw new Error(`${kind}: purges did not land (${JSON.stringify(after)})`);
  return { kind, entries: filled, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times[times.length - 1]! };
}

export async function purgeBenches(url: string): Promise<PurgeResult[]> {
  const out: PurgeResult[] = [];
  const memory = new MemoryCache({ secret: SECRET });
  out.push(await purgeBench("MemoryCache", memory));
  // A generous command timeout: on a loaded machine the 10k fills must all land, and every purge be timed for real.
  const redis = new RedisCache({ secret: SECRET, url, prefix: "purge-r:", commandTimeout: 2000 });
  await redis.ready();
  out.push(await purgeBench("RedisCache", redis));
  await redis.close();
  const tiered = new TieredCache({ secret: SECRET, url, prefix: "purge-t:", commandTimeout: 2000, ackTimeout: 2000 });
  await tiered.ready();
  out.push(await purgeBench("TieredCache", tiered));
  await tiered.close();
  return out;
}
