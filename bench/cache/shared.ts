// What the cache benchmark's processes agree on.
import { LRUCache } from "lru-cache";

export const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
/** The shop's user context: dynamic, so every key carries the principal. */
export const HIT_PATH = "/api/mizan/ctx/user/?userId=1";
/** The shop's catalog context: public (psr), one entry for everyone, no authenticate. */
export const PUBLIC_PATH = "/api/mizan/ctx/catalog/?limit=2";

export { HANDLE, nodeEntry, type Handle } from "../entry.js";
import type { Handle } from "../entry.js";

interface PlainRequest {
  readonly path: string;
  readonly search: string;
  header(name: string): string | null;
}

/**
 * The bounded peer: lru-cache in front of the uncached handler's direct
 * entry, keyed by the request's own string (path, query, Authorization),
 * each entry's size counted as MemoryCache counts it (entryBytes), so that
 * both hold about as many. What a team adds by hand: no HMAC, no tags, no
 * purge safety. `full` says whether it has evicted yet.
 */
export function lruPeer(handle: Handle, maxBytes: number): { handle: Handle; full: () => boolean } {
  let evicted = false;
  const entries = new LRUCache<string, { out: unknown; bytes: number }>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => entry.bytes,
    dispose: () => void (evicted = true),
  });
  return {
    full: () => evicted,
    handle: async (incoming: unknown): Promise<unknown> => {
      const request = incoming as PlainRequest;
      const key = `${request.path}${request.search}|${request.header("authorization") ?? ""}`;
      const found = entries.get(key);
      if (found !== undefined) return found.out;
      const out = (await handle(incoming)) as { status: number; headers: Record<string, string>; body: string | Uint8Array | null };
      if (out.status !== 200 || out.body === null) return out;
      let bytes = (typeof out.body === "string" ? Buffer.byteLength(out.body) : out.body.byteLength) + key.length + 128;
      for (const name in out.headers) bytes += name.length + out.headers[name]!.length + 4;
      entries.set(key, { out, bytes });
      return out;
    },
  };
}
