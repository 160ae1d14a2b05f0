// A strong ETag of a response body and the If-None-Match test (RFC 9110
// §13.1.2: weak comparison, so a `W/` tag a proxy weakened still matches).
import { createHash } from "node:crypto";

export function strongEtag(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

export function noneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
