import { checkPrefix, DEFAULT_TAG_PREFIX, purgeTags } from "./tags.js";
export const DEFAULT_PURGE_TIMEOUT_MS = 5000;
export function preparePurge(options) {
    const purgers = [].concat(options.purgers);
    for (const purger of purgers) {
        if (typeof purger?.purge !== "function")
            throw new TypeError("mizan: each purger must have a purge(tags, context) method");
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_PURGE_TIMEOUT_MS;
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1)
        throw new TypeError("mizan: purge timeoutMs must be a whole number of ms ≥ 1");
    const prefix = checkPrefix(options.prefix ?? DEFAULT_TAG_PREFIX);
    const manifest = options.manifest;
    const declared = manifest === undefined
        ? undefined
        : (context) => Object.hasOwn(manifest.contexts, context) ? new Set(Object.keys(manifest.contexts[context].params)) : undefined;
    return {
        purgers,
        async run(targets) {
            const tags = purgeTags(targets, prefix, declared);
            if (tags.length === 0 || purgers.length === 0)
                return { tags, failures: [] };
            const controller = new AbortController();
            const deadline = Date.now() + timeoutMs;
            const timer = setTimeout(() => controller.abort(new Error(`the purge took longer than ${timeoutMs} ms`)), timeoutMs);
            try {
                const outcomes = await Promise.allSettled(purgers.map((purger) => purger.purge(tags, { signal: controller.signal, deadline })));
                return { tags, failures: outcomes.filter((o) => o.status === "rejected").map((o) => o.reason) };
            }
            finally {
                clearTimeout(timer);
            }
        },
    };
}
/**
 * The purgers as an `onInvalidate` hook of createHandler: resolves once
 * every purger confirmed; rejects (and createHandler reports it to onError,
 * phase "invalidation") when one gave up. createHandler's `purge` option
 * does the same with its own phase, "purge", and a choice to not wait.
 */
export function purgeHook(options) {
    const prepared = preparePurge(options);
    return async (targets) => {
        const { failures } = await prepared.run(targets);
        if (failures.length === 1)
            throw failures[0];
        if (failures.length > 1)
            throw new AggregateError(failures, `${failures.length} purgers failed`);
    };
}
