// What the cache benchmark's processes agree on.
export const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
/** The shop's user context: dynamic, so every key carries the principal. */
export const HIT_PATH = "/api/mizan/ctx/user/?userId=1";
/** The shop's catalog context: public (psr), one entry for everyone, no authenticate. */
export const PUBLIC_PATH = "/api/mizan/ctx/catalog/?limit=2";
