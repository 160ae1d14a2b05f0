// createHandler's `purge` option: every mutation's targets go to the CDN
// purgers, beside the onInvalidate hooks. By default the response waits
// until they confirm or time out; a failure goes to onError (phase
// "purge") and the mutation still answers 200 with its targets.
import { preparePurge } from "../edge/run.js";
import { mutationErrorInfo } from "./hooks.js";
function isPurger(value) {
    return typeof value?.purge === "function";
}
export function withPurge(runtime, option, edge) {
    if (option === undefined)
        return runtime;
    const options = isPurger(option) || Array.isArray(option) ? { purgers: option } : option;
    const run = { purgers: options.purgers, timeoutMs: options.timeoutMs, prefix: options.prefix ?? edge?.prefix };
    if (edge !== undefined)
        run.manifest = edge.manifest;
    const prepared = preparePurge(run);
    const wait = options.wait ?? true;
    const emit = runtime.emit;
    // In place rather than a copy: every endpoint shares this one object.
    runtime.emit = async function (targets, info, incoming) {
        const purged = prepared.run(targets).then(({ failures }) => {
            for (const failure of failures)
                runtime.reportError(failure, mutationErrorInfo("purge", info, incoming));
        });
        await Promise.all([emit?.(targets, info, incoming), wait ? purged : undefined]);
    };
    return runtime;
}
