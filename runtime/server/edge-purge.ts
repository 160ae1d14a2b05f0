// createHandler's `purge` option: every mutation's targets go to the CDN
// purgers, after the origin cache's purge and the onInvalidate hooks (a CDN
// miss in between would fetch what the origin still held, and keep it). By
// default the response waits until they confirm or time out; a failure goes
// to onError (phase "purge") and the mutation still answers 200 with its
// targets. A purge the origin cache kept is sent to the CDN again once it lands.
import { preparePurge, type PurgeRunOptions } from "../edge/run.js";
import type { Purger } from "../edge/purger.js";
import type { Manifest, Target } from "../protocol/index.js";
import type { ErrorInfo } from "./faults.js";
import { mutationErrorInfo } from "./hooks.js";
import { PurgeClock } from "./purge-clock.js";
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
  const clock = new PurgeClock();
  const purge = (targets: readonly Target[], info: ErrorInfo) => {
    // Reads that overlap the purge up to here are not for a CDN to keep (purge-clock.ts).
    clock.markTargets(targets);
    return prepared.run(targets).then(({ failures }) => {
      for (const failure of failures) runtime.reportError(failure, info);
    });
  };
  // In place rather than a copy: every endpoint shares this one object.
  runtime.emit = async function (targets, info, incoming) {
    clock.markTargets(targets);
    await emit?.(targets, info, incoming);
    const purged = purge(targets, mutationErrorInfo("purge", info, incoming));
    if (wait) await purged;
  };
  runtime.purgeClock = clock;
  // Until a kept purge lands, other instances may serve what it purged, and the CDN may have fetched it.
  runtime.cache?.onLanded?.((targets) => void purge(targets, { phase: "purge", name: undefined, method: "", url: "" }));
  // Another instance's purge, heard through the origin cache: a read running here may hold what it replaced.
  runtime.cache?.onHeard?.((contexts) => clock.mark(contexts));
  return runtime;
}
