// What the origin cache asks of a backend. Every method is fail-open: a
// backend that cannot answer says so in its result, it never throws.
import { isAbsentTag, type PurgePlan, type Tag } from "./tags.js";

/** The 200 response of a context GET, exactly as sent: body text and headers (etag among them). */
export interface StoredResponse {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a memory hit returns: the body also as UTF-8 bytes, encoded once when it was stored rather than on every hit. */
export interface EncodedResponse extends StoredResponse {
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The generations of an instance's tags when a lookup missed, as one string
 * ("epoch,g1,g2,…"); a fill stores only if it is still current. null: the
 * backend could not take one, so nothing may be stored.
 */
export type Snapshot = string | null;

export type Tier = "memory" | "redis";

export type Lookup =
  | { readonly hit: StoredResponse; readonly tier: Tier }
  | { readonly hit: undefined; readonly snapshot: Snapshot };

export interface Store {
  /** `tags` is called only when needed (a memory hit needs none); `ttlMs` is for a tier filled from the one behind it. */
  lookup(key: string, tags: () => readonly Tag[], ttlMs: number): Lookup | Promise<Lookup>;
  /** Stores when every generation is still the snapshot's (compare-and-set); true when stored. */
  fill(key: string, tags: readonly Tag[], snapshot: string, entry: StoredResponse, ttlMs: number, bytes: number): boolean | Promise<boolean>;
  /** Applies the plans; false when they did not land (the caller keeps and retries them). */
  purge(plans: readonly PurgePlan[]): boolean | Promise<boolean>;
  /** Whether a lookup can be answered from this store at all right now. */
  readonly available: boolean;
  /** The most an entry can take, when the store alone bounds it (a memory store's whole budget). */
  readonly maxBytes?: number;
  close(): Promise<void>;
}

/** Told about a backend failure; the origin cache rate-limits what reaches onError. */
export type FailureSink = (kind: string, error: unknown) => void;

export function payloadOf(entry: StoredResponse): string {
  // JSON escapes newlines, so the first one ends the headers.
  return `${JSON.stringify(entry.headers)}\n${entry.body}`;
}

export function entryOf(payload: string): StoredResponse | undefined {
  const at = payload.indexOf("\n");
  if (at < 0) return undefined;
  try {
    return { headers: JSON.parse(payload.slice(0, at)) as Record<string, string>, body: payload.slice(at + 1) };
  } catch {
    return undefined;
  }
}

/**
 * The heap an entry of the memory tier takes beyond its body, headers, key
 * and tags: its object and its key's slot in the entries' Map. Measured on
 * the heap with `--expose-gc` (100 000 entries each of contexts with 0 to 8
 * params, values from 1 to 8 000 characters).
 */
const ENTRY_OVERHEAD = 260;
const NON_ASCII = /[^\u0000-\u007f]/;
/** Per tag beyond the context's: its text (a param's value in it), its reference, and its slot in the reverse index. */
const TAG_OVERHEAD = 80;

/**
 * What an entry counts against a byte budget: its body, headers and key,
 * its tags (which hold its params' values) and the entry's own objects, so
 * that `maxBytes` is about what the heap holds.
 */
export function entryBytes(key: string, entry: StoredResponse, tags: readonly Tag[]): number {
  const { body } = entry;
  // Kept as text until its first hit, then as UTF-8: whichever is larger.
  let bytes = Math.max(Buffer.byteLength(body), textBytes(body)) + key.length + ENTRY_OVERHEAD;
  for (const name in entry.headers) bytes += name.length + entry.headers[name]!.length + 4;
  for (let i = 1; i < tags.length; i++) {
    const tag = tags[i]!;
    // An absent param's tag is one string for all entries, in no index: a reference.
    if (isAbsentTag(tag)) bytes += 8;
    else bytes += textBytes(tag) + TAG_OVERHEAD;
  }
  return bytes;
}

/**
 * What a string takes on the heap: one byte a character when all are ASCII,
 * else two (a string decoded from a URL or JSON with one `é` is held two
 * bytes a character, though Latin-1 could hold it in one).
 */
function textBytes(text: string): number {
  return NON_ASCII.test(text) ? 2 * text.length : text.length;
}
