// HMAC-SHA256 (RFC 2104, FIPS 180-4) under one fixed key, for cache keys:
// byte for byte what createHmac("sha256", key) gives (test/cache/hmac.test.ts
// checks it against createHmac on random inputs). Every miss hashes a key,
// and createHmac costs 2–3 µs for a message of 40 bytes, nearly all of it
// the object and the native calls around two or three compressions. Here the
// key's padded blocks are compressed once, so a short message takes two
// compressions in plain integer arithmetic, in buffers kept for the next
// call: about 1 µs. The compression is protocol/sha256.ts's, shared with the
// edge's tag hashing.

import { compress, pad, putUint32, SHA256_BLOCK as BLOCK, SHA256_INITIAL as INITIAL } from "../protocol/sha256.js";

export class Hmac256 {
  /** The hash states after the key's inner and outer padded blocks. */
  readonly #inner = INITIAL.slice();
  readonly #outer = INITIAL.slice();
  readonly #state = new Int32Array(8);
  /** Messages up to its size are encoded here; longer ones get a buffer of their own. */
  readonly #buffer = Buffer.alloc(1024);
  /** The inner digest and its padding, then the final digest. */
  readonly #digest = Buffer.alloc(BLOCK);

  /** `key`: at most one block (64 bytes), as every key this module is given. */
  constructor(key: Uint8Array) {
    if (key.byteLength > BLOCK) throw new RangeError("Hmac256: a key longer than 64 bytes would have to be hashed first");
    const inner = new Uint8Array(BLOCK).fill(0x36);
    const outer = new Uint8Array(BLOCK).fill(0x5c);
    for (let i = 0; i < key.byteLength; i++) {
      inner[i]! ^= key[i]!;
      outer[i]! ^= key[i]!;
    }
    compress(this.#inner, inner, 0);
    compress(this.#outer, outer, 0);
  }

  /** base64url of HMAC-SHA256(key, UTF-8 of `message`). */
  base64url(message: string): string {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; padding at most 72.
    const room = message.length * 3 + 72;
    const bytes = room <= this.#buffer.length ? this.#buffer : Buffer.alloc(room);
    const length = bytes.write(message);
    const end = pad(bytes, length, BLOCK + length);
    const state = this.#state;
    state.set(this.#inner);
    for (let at = 0; at < end; at += BLOCK) compress(state, bytes, at);
    const digest = this.#digest;
    for (let i = 0; i < 8; i++) putUint32(digest, i * 4, state[i]!);
    pad(digest, 32, BLOCK + 32);
    state.set(this.#outer);
    compress(state, digest, 0);
    for (let i = 0; i < 8; i++) putUint32(digest, i * 4, state[i]!);
    return digest.toString("base64url", 0, 32);
  }
}
