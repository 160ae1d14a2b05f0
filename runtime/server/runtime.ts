// createHandler's options resolved once, checked at creation (a bad option
// throws there, never on a request), into the one object every endpoint shares.
import type { Principal } from "../index.js";
import type { Target } from "../protocol/index.js";
import type { PurgeClock } from "./purge-clock.js";
import type { CacheBinding } from "../cache/binding.js";
import { DEFAULT_BODY_LIMIT } from "./defaults.js";
import type { MizanHttpError } from "./errors.js";
import { errorReporter, guarded, type ErrorInfo } from "./faults.js";
import type { HandlerOptions } from "./handler-options.js";
import { hookEmitter, type Emit, type InvalidationInfo } from "./hooks.js";
import type { Incoming } from "./incoming.js";
import { resolveLimits, type Limits } from "./limits.js";
import { normalizeOrigins } from "./origin.js";
import { bindCache, cachePurgeHooks } from "./origin-cache.js";
import { publicCacheControls } from "./public-cache.js";
import type { RouteTable } from "./routes.js";
import { compileViewRoutes, type ViewRoute } from "./view-paths.js";

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
  /**
   * The application's `authenticate`, its errors sorted by serverFault; undefined without one (every
   * user is then null). A promise only when authenticate returned one: a synchronous one costs no await.
   */
  authenticate?(incoming: Incoming, name: string): User | null | Promise<User | null>;
  /** Sends a mutation's targets to the cache's purge, onInvalidate and the CDN purgers; undefined when there are none. */
  emit?(targets: readonly Target[], info: InvalidationInfo<User>, incoming: Incoming | undefined): Promise<void>;
  /** With CDN purgers: the purges of each context, against which a public read is checked (purge-clock.ts). */
  purgeClock?: PurgeClock;
  reportError(error: unknown, info: ErrorInfo): void;
  /** The application's mapError, undefined without one. */
  readonly mapError: ((error: unknown, info: ErrorInfo) => MizanHttpError | undefined | void) | undefined;
}

function checkRoutes(routes: RouteTable): void {
  if (routes?.version !== 1) throw new TypeError("mizan: routes must be a version 1 route table (the generated routes.ts)");
  for (const [name, context] of Object.entries(routes.contexts)) {
    for (const member of context.functions) {
      if (!Object.hasOwn(routes.functions, member)) throw new TypeError(`mizan: context ${name} lists an unknown function ${member}`);
    }
  }
}

export function resolveOptions<User>(options: HandlerOptions<RouteTable, User>): Runtime<User> {
  const { routes } = options;
  checkRoutes(routes);
  const base = options.basePath ?? routes.basePath;
  if (!base.startsWith("/")) throw new TypeError(`mizan: basePath "${base}" must start with "/"`);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) throw new TypeError("mizan: bodyLimit must be a whole number of bytes");
  const reportError = errorReporter(options.onError);
  const limits = resolveLimits(options);
  const cache = bindCache(options.cache, routes, (error, info) => reportError(error, { phase: "cache", ...info }), limits.timeout);
  // The cache purge runs beside the application's hooks, and is awaited like them.
  const hooks = cachePurgeHooks<User>(cache).concat(options.onInvalidate ?? []);
  const authenticate = options.authenticate;
  const basePath = base.endsWith("/") ? base.slice(0, -1) : base;
  const views = compileViewRoutes(routes.functions);
  return {
    routes,
    basePath,
    allowedOrigins: normalizeOrigins(options.allowedOrigins ?? []),
    bodyLimit,
    limits,
    views,
    viewsUnderBase: views.some((view) => view.pattern.startsWith(`${basePath}/`)),
    publicCacheControl: publicCacheControls(routes, options.publicCache ?? {}),
    fallback: options.fallback,
    cache,
    // Left out when not given, like emit when nothing listens.
    ...(authenticate === undefined ? {} : { authenticate: safeAuthenticate(authenticate) }),
    ...emitter(hookEmitter(hooks, reportError)),
    reportError,
    mapError: options.mapError,
  };
}

function safeAuthenticate<User>(
  authenticate: (request: Request) => User | null | Promise<User | null>,
): (incoming: Incoming, name: string) => User | null | Promise<User | null> {
  return (incoming, name) => {
    const got = guarded("authenticate", name, () => authenticate(incoming.requestHead()));
    return got instanceof Promise ? got.then((user) => user ?? null) : (got ?? null);
  };
}

function emitter<User>(emit: Emit<User> | undefined): { emit?: Emit<User> } {
  return emit === undefined ? {} : { emit };
}
