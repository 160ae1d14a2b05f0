import { DEFAULT_BODY_LIMIT } from "./defaults.js";
import { errorReporter, guarded } from "./faults.js";
import { hookEmitter } from "./hooks.js";
import { resolveLimits } from "./limits.js";
import { normalizeOrigins } from "./origin.js";
import { bindCache, cachePurgeHooks } from "./origin-cache.js";
import { publicCacheControls } from "./public-cache.js";
import { compileViewRoutes } from "./view-paths.js";
function checkRoutes(routes) {
    if (routes?.version !== 1)
        throw new TypeError("mizan: routes must be a version 1 route table (the generated routes.ts)");
    for (const [name, context] of Object.entries(routes.contexts)) {
        for (const member of context.functions) {
            if (!Object.hasOwn(routes.functions, member))
                throw new TypeError(`mizan: context ${name} lists an unknown function ${member}`);
        }
    }
}
export function resolveOptions(options) {
    const { routes } = options;
    checkRoutes(routes);
    const base = options.basePath ?? routes.basePath;
    if (!base.startsWith("/"))
        throw new TypeError(`mizan: basePath "${base}" must start with "/"`);
    const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0)
        throw new TypeError("mizan: bodyLimit must be a whole number of bytes");
    const reportError = errorReporter(options.onError);
    const cache = bindCache(options.cache, routes, (error, info) => reportError(error, { phase: "cache", ...info }));
    // The cache purge runs beside the application's hooks, and is awaited like them.
    const hooks = cachePurgeHooks(cache).concat(options.onInvalidate ?? []);
    const authenticate = options.authenticate;
    const basePath = base.endsWith("/") ? base.slice(0, -1) : base;
    const views = compileViewRoutes(routes.functions);
    return {
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
        // Left out when not given, like emit when nothing listens.
        ...(authenticate === undefined ? {} : { authenticate: safeAuthenticate(authenticate) }),
        ...emitter(hookEmitter(hooks, reportError)),
        reportError,
    };
}
function safeAuthenticate(authenticate) {
    return (incoming, name) => {
        const got = guarded("authenticate", name, () => authenticate(incoming.requestHead()));
        return got instanceof Promise ? got.then((user) => user ?? null) : (got ?? null);
    };
}
function emitter(emit) {
    return emit === undefined ? {} : { emit };
}
