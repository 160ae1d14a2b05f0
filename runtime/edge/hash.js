// Tag hashing, with protocol/sha256.ts: plain JavaScript and synchronous, so
// the origin (Node) and an edge runtime (Workers, where Web Crypto's digest
// is async and node:crypto is absent) agree on every tag.
import { sha256 } from "../protocol/sha256.js";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** The first 80 bits of SHA-256, as 16 lowercase base32 characters: tag-safe. */
export function shortHash(text) {
    const bytes = sha256(text);
    let out = "";
    let buffer = 0;
    let bits = 0;
    for (let i = 0; out.length < 16; i++) {
        buffer = (buffer << 8) | bytes[i];
        bits += 8;
        while (bits >= 5 && out.length < 16) {
            out += BASE32[(buffer >>> (bits - 5)) & 31];
            bits -= 5;
        }
        buffer &= (1 << bits) - 1;
    }
    return out;
}
