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

export async function settleInvalidation<User>(
  runtime: Runtime<User>,
  entry: RouteFunction,
  name: string,
  args: unknown,
  user: User | null,
  source: InvalidationSource,
  request: (() => Request) | undefined,
  incoming: Incoming | undefined,
): Promise<Target[]> {
  const targets = resolveTargets(entry.invalidates, args);
  if (targets.length > 0) {
    const info = {
      name,
      args,
      user,
      source,
      get request() {
        return request?.();
      },
    };
    await runtime.emit(targets, info, incoming);
  }
  return targets;
}
