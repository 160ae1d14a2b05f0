// The Cache-Control of psr (public) context responses: one header value per
// context, resolved once from the `publicCache` option.
import { DEFAULT_S_MAXAGE, DEFAULT_STALE_WHILE_REVALIDATE } from "./defaults.js";
import type { RouteTable } from "./routes.js";

export interface PublicCacheSettings {
  /** Seconds a shared cache (CDN) may serve a psr context. Default 60. */
  sMaxAge?: number;
  /** Seconds a shared cache may serve it stale while refetching. Default 60. */
  staleWhileRevalidate?: number;
}

export interface PublicCacheOptions extends PublicCacheSettings {
  /** Per psr context overrides, by context name. */
  contexts?: Readonly<Record<string, PublicCacheSettings>>;
}

function seconds(value: number | undefined, fallback: number, what: string): number {
  const out = value ?? fallback;
  if (!Number.isSafeInteger(out) || out < 0) throw new TypeError(`mizan: ${what} must be a whole number of seconds`);
  return out;
}

/** `public, s-maxage=…, stale-while-revalidate=…` of every psr context; throws on an override of a non-psr name. */
export function publicCacheControls(routes: RouteTable, options: PublicCacheOptions): Map<string, string> {
  const overrides = options.contexts ?? {};
  for (const name of Object.keys(overrides)) {
    if (routes.contexts[name]?.renderStrategy !== "psr") {
      throw new TypeError(`mizan: publicCache.contexts.${name}: no psr context has this name`);
    }
  }
  const out = new Map<string, string>();
  for (const [name, context] of Object.entries(routes.contexts)) {
    if (context.renderStrategy !== "psr") continue;
    const own = Object.hasOwn(overrides, name) ? overrides[name]! : {};
    const ttl = seconds(own.sMaxAge ?? options.sMaxAge, DEFAULT_S_MAXAGE, `publicCache sMaxAge of ${name}`);
    const swr = seconds(
      own.staleWhileRevalidate ?? options.staleWhileRevalidate,
      DEFAULT_STALE_WHILE_REVALIDATE,
      `publicCache staleWhileRevalidate of ${name}`,
    );
    out.set(name, `public, s-maxage=${ttl}, stale-while-revalidate=${swr}`);
  }
  return out;
}
