// SHA-256 (FIPS 180-4) in plain JavaScript, synchronous, with no
// node:crypto: the same code runs at the origin (Node) and in an edge
// runtime (Workers), where Web Crypto's digest is async. The edge's tag
// hashing (edge/hash.ts) and the origin cache's HMAC (cache/hmac.ts) share
// it. SHA-256 has no table lookups or branches on the data, so its timing
// does not depend on what it hashes.
const K = Int32Array.from([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
    0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
    0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
    0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
    0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** The hash state before the first block. */
export const SHA256_INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
export const SHA256_BLOCK = 64;
const w = new Int32Array(64);
/** Folds the 64-byte block of `bytes` at `at` into `state`. */
export function compress(state, bytes, at) {
    for (let i = 0; i < 16; i++, at += 4)
        w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    for (let i = 16; i < 64; i++) {
        const x = w[i - 15];
        const y = w[i - 2];
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
    for (let i = 0; i < 64; i++) {
        const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
}
/** Appends SHA-256's padding after `length` bytes of `bytes`, for a message of `hashed` bytes in all; returns the padded end. */
export function pad(bytes, length, hashed) {
    let end = length;
    bytes[end++] = 0x80;
    while (end % SHA256_BLOCK !== SHA256_BLOCK - 8)
        bytes[end++] = 0;
    const bits = hashed * 8;
    putUint32(bytes, end, Math.floor(bits / 2 ** 32));
    putUint32(bytes, end + 4, bits);
    return end + 8;
}
/** Writes the low 32 bits of `value` big-endian at `at` (no DataView to allocate: the HMAC pads on every call). */
export function putUint32(bytes, at, value) {
    bytes[at] = value >>> 24;
    bytes[at + 1] = value >>> 16;
    bytes[at + 2] = value >>> 8;
    bytes[at + 3] = value;
}
const encoder = new TextEncoder();
/** SHA-256 of the UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function sha256(text) {
    const data = encoder.encode(text);
    const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
    padded.set(data);
    const end = pad(padded, data.length, data.length);
    const state = SHA256_INITIAL.slice();
    for (let at = 0; at < end; at += SHA256_BLOCK)
        compress(state, padded, at);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++)
        putUint32(out, i * 4, state[i]);
    return out;
}
