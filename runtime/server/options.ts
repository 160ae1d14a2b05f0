// createHandler's options, their defaults, and the resolved form the
// endpoints share.
import type { Principal } from "../index.js";
import type { Target } from "../protocol/index.js";
import { MizanError } from "./errors.js";
import type { Incoming } from "./incoming.js";
import { resolveLimits, type Limits, type LimitOptions } from "./limits.js";
import { normalizeOrigins } from "./origin.js";
import { bindCache, cachePurgeHooks, type OriginCacheLike } from "./origin-cache.js";
import type { CacheBinding } from "../cache/binding.js";
import type { RouteTable } from "./routes.js";
import { compileViewRoutes, type ViewRoute } from "./view-paths.js";
import type { EdgeHeaderOptions } from "./edge-headers.js";
import type { PurgeOptions } from "./edge-purge.js";
import type { Purger } from "../edge/purger.js";

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

export const DEFAULT_S_MAXAGE = 60;
export const DEFAULT_STALE_WHILE_REVALIDATE = 60;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Where an invalidation came from: a `/call/`, a view path, or `handler.invoke`. */
export type InvalidationSource = "call" | "view" | "invoke";

export interface InvalidationInfo<User = Principal> {
  /** The function that ran. */
  readonly name: string;
  /** Its validated arguments. */
  readonly args: unknown;
  readonly user: User | null;
  readonly source: InvalidationSource;
  /** The request, built on first read; undefined for an invoke given none. */
  readonly request: Request | undefined;
}

export type InvalidateHook<User = Principal> = (
  targets: readonly Target[],
  info: InvalidationInfo<User>,
) => void | Promise<void>;

export type ErrorPhase = "authenticate" | "run" | "invalidation" | "purge" | "handler" | "cache";

export interface ErrorInfo {
  readonly phase: ErrorPhase;
  /** The function or context involved, when there is one. */
  readonly name: string | undefined;
  readonly method: string;
  readonly url: string;
}

export interface HandlerOptions<Routes extends RouteTable = RouteTable, User = Principal> extends LimitOptions {
  /** The generated route table (`routes` from the generated routes.ts). */
  routes: Routes;
  /** Where `/ctx/` and `/call/` live. Default: `routes.basePath`. */
  basePath?: string;
  /** The principal for `req.user`, or null. Not called for psr contexts, which never read the request. */
  authenticate?: (request: Request) => User | null | Promise<User | null>;
  /** Origins besides the server's own whose calls are accepted. */
  allowedOrigins?: readonly string[];
  /** Largest call body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Cache-Control of psr (public) context responses. */
  publicCache?: PublicCacheOptions;
  /** Run with every non-empty target list, awaited before the mutation's response is sent. */
  onInvalidate?: InvalidateHook<User> | readonly InvalidateHook<User>[];
  /** Told about every server error (the client only sees a generic 500). Default: console.error. */
  onError?: (error: unknown, info: ErrorInfo) => void;
  /** CDN tag headers on public context reads and public page routes (docs/edge.md). */
  edge?: EdgeHeaderOptions;
  /** CDN purgers run with every mutation's targets (docs/edge.md). */
  purge?: PurgeOptions | Purger | readonly Purger[];
  /** Answers requests outside the base path that match no view path. Default: 404. */
  fallback?: (request: Request) => Response | Promise<Response>;
  /** The origin cache of context responses (mizan/cache), purged by every mutation's targets. */
  cache?: OriginCacheLike;
}

/** The options resolved once, shared by every endpoint. */
export interface Runtime<User = Principal> {
  readonly routes: RouteTable;
  /** No trailing slash; "" for a base path of "/". */
  readonly basePath: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly bodyLimit: number;
  readonly limits: Limits;
  readonly views: readonly ViewRoute[];
  /** Whether a view path lies under the base path (else /ctx/ and /call/ skip view matching). */
  readonly viewsUnderBase: boolean;
  /** Cache-Control of each psr context. */
  readonly publicCacheControl: ReadonlyMap<string, string>;
  readonly fallback: ((request: Request) => Response | Promise<Response>) | undefined;
  readonly cache: CacheBinding | undefined;
  authenticate(incoming: Incoming | undefined, name: string): Promise<User | null>;
  emit(targets: readonly Target[], info: InvalidationInfo<User>, incoming: Incoming | undefined): Promise<void>;
  reportError(error: unknown, info: ErrorInfo): void;
}

/** A server error on its way to a 500, with what onError is told. */
export class ServerFault {
  constructor(
    readonly cause: unknown,
    readonly phase: ErrorPhase,
    readonly name: string | undefined,
  ) {}
}

/** Runs user code; a MizanError it throws is an intended answer, anything else a server fault. */
export function guarded<T>(phase: ErrorPhase, name: string, work: () => T | Promise<T>): Promise<T> {
  const fault = (error: unknown): never => {
    if (error instanceof MizanError) throw error;
    throw new ServerFault(error, phase, name);
  };
  try {
    return Promise.resolve(work()).catch(fault);
  } catch (error) {
    return fault(error);
  }
}

function seconds(value: number | undefined, fallback: number, what: string): number {
  const out = value ?? fallback;
  if (!Number.isSafeInteger(out) || out < 0) throw new TypeError(`mizan: ${what} must be a whole number of seconds`);
  return out;
}

function publicCacheControls(routes: RouteTable, options: PublicCacheOptions): Map<string, string> {
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

function defaultOnError(error: unknown, info: ErrorInfo): void {
  console.error(`mizan: server error (${info.phase}${info.name ? ` of ${info.name}` : ""}) on ${info.method} ${info.url}`, error);
}

export function resolveOptions<User>(options: HandlerOptions<RouteTable, User>): Runtime<User> {
  const { routes } = options;
  if (routes?.version !== 1) throw new TypeError("mizan: routes must be a version 1 route table (the generated routes.ts)");
  for (const [name, context] of Object.entries(routes.contexts)) {
    for (const member of context.functions) {
      if (!Object.hasOwn(routes.functions, member)) throw new TypeError(`mizan: context ${name} lists an unknown function ${member}`);
    }
  }
  const base = options.basePath ?? routes.basePath;
  if (!base.startsWith("/")) throw new TypeError(`mizan: basePath "${base}" must start with "/"`);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) throw new TypeError("mizan: bodyLimit must be a whole number of bytes");
  const cache = bindCache(options.cache, routes, (error, info) => runtime.reportError(error, { phase: "cache", ...info }));
  // The cache purge runs beside the application's hooks, and is awaited like them.
  const hooks = cachePurgeHooks<User>(cache).concat(options.onInvalidate ?? []);
  const onError = options.onError ?? defaultOnError;
  const authenticate = options.authenticate;

  const basePath = base.endsWith("/") ? base.slice(0, -1) : base;
  const views = compileViewRoutes(routes.functions);
  const runtime: Runtime<User> = {
    routes,
    basePath,
    allowedOrigins: normalizeOrigins(options.allowedOrigins ?? []),
    bodyLimit,
    limits: resolveLimits(options),
    views,
    viewsUnderBase: views.some((view) => view.pattern.startsWith(`${basePath}/`)),
    publicCacheControl: publicCacheControls(routes, options.publicCache ?? {}),
    fallback: options.fallback,
    cache,
    async authenticate(incoming, name) {
      if (authenticate === undefined || incoming === undefined) return null;
      return (await guarded("authenticate", name, () => authenticate(incoming.request()))) ?? null;
    },
    async emit(targets, info, incoming) {
      if (targets.length === 0 || hooks.length === 0) return;
      // Every subscriber runs; a failing one is reported, and the mutation, which
      // already happened, still answers 200 with its targets.
      const settled = await Promise.allSettled(hooks.map(async (hook) => hook(targets, info)));
      for (const outcome of settled) {
        if (outcome.status === "rejected") {
          runtime.reportError(outcome.reason, {
            phase: "invalidation",
            name: info.name,
            method: incoming?.method ?? "INVOKE",
            url: incoming?.url.href ?? "",
          });
        }
      }
    },
    reportError(error, info) {
      try {
        onError(error, info);
      } catch {
        // A failing logger must not turn into a second failure.
      }
    },
  };
  return runtime;
}
