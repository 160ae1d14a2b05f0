/** What onError is told of a failure after a mutation: an invoke has no request, so its method reads INVOKE. */
export function mutationErrorInfo(phase, info, incoming) {
    return { phase, name: info.name, method: incoming?.method ?? "INVOKE", url: incoming?.url.href ?? "" };
}
/** Runs every hook; a failing one is reported, and the mutation, which already happened, still answers 200. */
export function hookEmitter(hooks, report) {
    // No hooks: nothing to emit to, and a mutation waits for nothing.
    if (hooks.length === 0)
        return undefined;
    return async (targets, info, incoming) => {
        if (targets.length === 0)
            return;
        const settled = await Promise.allSettled(hooks.map(async (hook) => hook(targets, info)));
        for (const outcome of settled) {
            if (outcome.status === "rejected")
                report(outcome.reason, mutationErrorInfo("invalidation", info, incoming));
        }
    };
}
