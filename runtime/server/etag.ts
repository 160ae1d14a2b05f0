// A strong ETag of a response body and the If-None-Match test (RFC 9110
// §13.1.2: weak comparison, so a `W/` tag a proxy weakened still matches).
import * as crypto from "node:crypto";

// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object.
const digest: (body: string) => string =
  typeof crypto.hash === "function"
    ? (body) => crypto.hash("sha1", body, "base64url")
    : (body) => crypto.createHash("sha1").update(body).digest("base64url");

// The tags of recent bodies: a context read mostly answers what it answered
// before. Bodies are kept by length, a few per length, and a body is
// compared with those of its own length, which costs a fraction of hashing
// it (SHA-1, or a Map keyed by the body, which hashes all of it). Bounded by
// count and body size (at most 256 bodies of 16 KiB held), emptied when full.
interface Recent {
  readonly bodies: string[];
  readonly tags: string[];
  /** Where the next body of this length goes once all places are taken. */
  turn: number;
}
const recent = new Map<number, Recent>();
let held = 0;
const RECENT_MAX = 256;
const RECENT_PER_LENGTH = 4;
const RECENT_BODY_MAX = 16 * 1024;

export function strongEtag(body: string): string {
  const length = body.length;
  let seen = recent.get(length);
  if (seen !== undefined) {
    const bodies = seen.bodies;
    for (let i = 0; i < bodies.length; i++) if (bodies[i] === body) return seen.tags[i]!;
  }
  const tag = `"${digest(body)}"`;
  if (length <= RECENT_BODY_MAX) {
    if (held >= RECENT_MAX) {
      recent.clear();
      held = 0;
      seen = undefined;
    }
    if (seen === undefined) recent.set(length, (seen = { bodies: [], tags: [], turn: 0 }));
    if (seen.bodies.length < RECENT_PER_LENGTH) {
      held++;
      seen.bodies.push(body);
      seen.tags.push(tag);
    } else {
      seen.bodies[seen.turn] = body;
      seen.tags[seen.turn] = tag;
      seen.turn = (seen.turn + 1) % RECENT_PER_LENGTH;
    }
  }
  return tag;
}

export function noneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
