/** The first 80 bits of SHA-256, as 16 lowercase base32 characters: tag-safe. */
export declare function shortHash(text: string): string;
