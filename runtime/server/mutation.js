import { resolveTargets } from "./invalidation.js";
export function settleInvalidation(runtime, entry, name, args, user, source, request, incoming) {
    const targets = resolveTargets(entry.invalidates, args);
    // Nothing to wait for: the targets as they are, without a promise (most
    // mutations of an app without a cache or onInvalidate take this path).
    if (targets.length === 0 || runtime.emit === undefined)
        return targets;
    const info = {
        name,
        args,
        user,
        source,
        get request() {
            return request?.();
        },
    };
    return runtime.emit(targets, info, incoming).then(() => targets);
}
