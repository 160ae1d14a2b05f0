// A strong ETag of a response body and the If-None-Match test (RFC 9110
// §13.1.2: weak comparison, so a `W/` tag a proxy weakened still matches).
import * as crypto from "node:crypto";
// crypto.hash (Node ≥ 20.12) hashes in one call, without a Hash object.
const digest = typeof crypto.hash === "function"
    ? (body) => crypto.hash("sha1", body, "base64url")
    : (body) => crypto.createHash("sha1").update(body).digest("base64url");
// The tags of recent bodies: a context read mostly answers what it answered
// before, and looking the body up costs a fraction of hashing it. Bounded by
// count and body size (at most 256 × 16 KiB held), emptied when full.
const recent = new Map();
const RECENT_MAX = 256;
const RECENT_BODY_MAX = 16 * 1024;
export function strongEtag(body) {
    let tag = recent.get(body);
    if (tag === undefined) {
        tag = `"${digest(body)}"`;
        if (body.length <= RECENT_BODY_MAX) {
            if (recent.size >= RECENT_MAX)
                recent.clear();
            recent.set(body, tag);
        }
    }
    return tag;
}
export function noneMatch(header, etag) {
    if (header === null)
        return false;
    for (const raw of header.split(",")) {
        const tag = raw.trim();
        if (tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === etag)
            return true;
    }
    return false;
}
