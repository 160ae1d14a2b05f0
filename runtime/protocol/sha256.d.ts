/** The hash state before the first block. */
export declare const SHA256_INITIAL: Int32Array<ArrayBuffer>;
export declare const SHA256_BLOCK = 64;
/** Folds the 64-byte block of `bytes` at `at` into `state`. */
export declare function compress(state: Int32Array, bytes: Uint8Array, at: number): void;
/** Appends SHA-256's padding after `length` bytes of `bytes`, for a message of `hashed` bytes in all; returns the padded end. */
export declare function pad(bytes: Uint8Array, length: number, hashed: number): number;
/** Writes the low 32 bits of `value` big-endian at `at` (no DataView to allocate: the HMAC pads on every call). */
export declare function putUint32(bytes: Uint8Array, at: number, value: number): void;
/** SHA-256 of the UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export declare function sha256(text: string): Uint8Array;
