// What every mutation does after its function returns, whichever way it was
// reached (/call/, a view path, handler.invoke): resolve its targets from
// the validated arguments and await the invalidation hooks, so a client's
// refetch after the response reads purged caches.
import type { Target } from "../protocol/index.js";
import type { Incoming } from "./incoming.js";
import type { InvalidationSource } from "./hooks.js";
import type { Runtime } from "./runtime.js";
import { resolveTargets } from "./invalidation.js";
import type { RouteFunction } from "./routes.js";

export function settleInvalidation<User>(
  runtime: Runtime<User>,
  entry: RouteFunction,
  name: string,
  args: unknown,
  user: User | null,
  source: InvalidationSource,
  request: (() => Request) | undefined,
  incoming: Incoming | undefined,
): Target[] | Promise<Target[]> {
  const targets = resolveTargets(entry.invalidates, args);
  // Nothing to wait for: the targets as they are, without a promise (most
  // mutations of an app without a cache or onInvalidate take this path).
  if (targets.length === 0 || runtime.emit === undefined) return targets;
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
