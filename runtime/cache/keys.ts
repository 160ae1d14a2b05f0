// Origin cache keys (PROTOCOL §7): base64url(HMAC-SHA256(k, encode(version,
// context, sorted params, principal))). `k` is derived from the application
// secret for this one purpose (HKDF), so the secret itself never keys
// anything else's hash; `encode` is canonical JSON, which sorts param names
// and quotes every string, so no two different inputs share an encoding.
import { hkdfSync } from "node:crypto";
import { canonicalJson } from "../protocol/index.js";
import { Hmac256 } from "./hmac.js";

export const KEY_VERSION = 1;
export const MIN_SECRET_BYTES = 32;

/** Building a key of a user-scoped or auth-dependent context without a principal. */
export class MissingPrincipalError extends Error {
  constructor(readonly context: string) {
    super(`mizan cache: the context "${context}" is user-scoped or reads the request: its key needs a principal`);
    this.name = "MissingPrincipalError";
  }
}

/** The key-derivation step: one 32-byte HMAC key per secret, for cache keys only. */
export function deriveKeyingKey(secret: string | Uint8Array): Buffer {
  const bytes = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (bytes.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`mizan cache: secret must be at least ${MIN_SECRET_BYTES} bytes (e.g. 32 random bytes, base64)`);
  }
  return Buffer.from(hkdfSync("sha256", bytes, "mizan", "mizan/cache/key/v1", 32));
}

/** The unambiguous encoding the HMAC runs over. Exported for the tests. */
export function encodeKeyInput(context: string, params: Readonly<Record<string, unknown>>, principal: string | null): string {
  return canonicalJson([KEY_VERSION, context, params, principal]);
}

// Hot keys repeat: their HMAC is kept (bounded; dropped all at once when full).
const MEMO_MAX = 10_000;
// Nor is a long input kept: ten thousand queries of a few KB would hold tens of MB outside any budget.
const MEMO_TEXT_MAX = 512;

export class CacheKeyer {
  readonly #hmac: Hmac256;
  readonly #memo = new Map<string, string>();
  constructor(secret: string | Uint8Array) {
    this.#hmac = new Hmac256(deriveKeyingKey(secret));
  }

  /**
   * The key of one context instance. `principalRequired` contexts throw
   * without a principal; public ones ignore it (one entry for everyone).
   */
  key(
    context: string,
    params: Readonly<Record<string, unknown>>,
    principal: string | null | undefined,
    principalRequired: boolean,
    remember = true,
  ): string {
    if (principalRequired && (principal === null || principal === undefined)) throw new MissingPrincipalError(context);
    const input = encodeKeyInput(context, params, principalRequired ? principal! : null);
    let key = this.#memo.get(input);
    if (key === undefined) {
      key = this.#hmac.base64url(input);
      // `remember: false` when the caller keeps the key itself (QueryKeys).
      if (remember && input.length <= MEMO_TEXT_MAX) {
        if (this.#memo.size >= MEMO_MAX) this.#memo.clear();
        this.#memo.set(input, key);
      }
    }
    return key;
  }
}

/**
 * The default principal identity: a string or number principal as is, or
 * the `id` of an object principal. Anything else needs `principalKey`.
 */
export function defaultPrincipalKey(user: unknown): string {
  if (typeof user === "string") return user;
  if (typeof user === "number" || typeof user === "bigint") return String(user);
  if (user !== null && typeof user === "object") {
    const id = (user as { id?: unknown }).id;
    if (typeof id === "string") return id;
    if (typeof id === "number" || typeof id === "bigint") return String(id);
  }
  throw new TypeError("mizan cache: the principal has no string or number `id`: give the cache a principalKey(user) option");
}

/**
 * The keys of one context's recent reads by the raw query string the params
 * were validated from and the principal: the same query string always
 * validates to the same params under one route table, so a repeated read
 * skips encoding them. `query.length:` makes the memo key unambiguous (the
 * principal is always a string for a user-scoped context and always absent
 * for a public one). Bounded; forgotten all at once when full.
 */
export class QueryKeys {
  readonly #keys = new Map<string, string>();

  get(query: string, principal: string | null): string | undefined {
    return this.#keys.get(`${query.length}:${query}${principal ?? ""}`);
  }

  set(query: string, principal: string | null, key: string): void {
    if (query.length > MEMO_TEXT_MAX) return;
    if (this.#keys.size >= MEMO_MAX) this.#keys.clear();
    this.#keys.set(`${query.length}:${query}${principal ?? ""}`, key);
  }
}
