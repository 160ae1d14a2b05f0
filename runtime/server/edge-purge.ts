// createHandler's `purge` option: every mutation's targets go to the CDN
// purgers, beside the onInvalidate hooks. By default the response waits
// until they confirm or time out; a failure goes to onError (phase
// "purge") and the mutation still answers 200 with its targets.
import { preparePurge, type PurgeRunOptions } from "../edge/run.js";
import type { Purger } from "../edge/purger.js";
import type { Manifest } from "../protocol/index.js";
import { mutationErrorInfo } from "./hooks.js";
import type { Runtime } from "./runtime.js";

export interface PurgeOptions {
  purgers: Purger | readonly Purger[];
  /** How long one mutation's purges may take, retries included. Default 5000 ms. */
  timeoutMs?: number;
  /** Send the mutation's response only after its purges (default true); false purges in the background. */
  wait?: boolean;
  /** Tag prefix. Default: `edge.prefix`, else "mz". */
  prefix?: string;
}

function isPurger(value: unknown): value is Purger {
  return typeof (value as Purger | undefined)?.purge === "function";
}

export function withPurge<User>(
  runtime: Runtime<User>,
  option: PurgeOptions | Purger | readonly Purger[] | undefined,
  edge: { manifest: Manifest; prefix?: string } | undefined,
): Runtime<User> {
  if (option === undefined) return runtime;
  const options: PurgeOptions = isPurger(option) || Array.isArray(option) ? { purgers: option as Purger[] } : (option as PurgeOptions);
  const run: PurgeRunOptions = { purgers: options.purgers, timeoutMs: options.timeoutMs, prefix: options.prefix ?? edge?.prefix };
  if (edge !== undefined) run.manifest = edge.manifest;
  const prepared = preparePurge(run);
  const wait = options.wait ?? true;
  const emit = runtime.emit;
  // In place rather than a copy: every endpoint shares this one object.
  runtime.emit = async function (targets, info, incoming) {
    const purged = prepared.run(targets).then(({ failures }) => {
      for (const failure of failures) runtime.reportError(failure, mutationErrorInfo("purge", info, incoming));
    });
    await Promise.all([emit?.(targets, info, incoming), wait ? purged : undefined]);
  };
  return runtime;
}
