// Invalidation: targets are matched against the mounted instances at once,
// and the matches refetch together one microtask later, so any number of
// targets and mutations landing in the same tick cost one request each.
import { parseInvalidateHeader } from "../protocol/header.js";
import { INVALIDATE_HEADER } from "../protocol/names.js";
import { targetMatches, type Target } from "../protocol/targets.js";
import { instances, load, type Instance } from "./registry.js";
import { flights, noop } from "./transport.js";
import type { Endpoint } from "./types.js";

const queue = new Set<Instance>();

function flush(): void {
  // An instance unmounted since it was queued is not fetched.
  for (const i of queue) if (i.subs.size) load(i, true).catch(noop);
  queue.clear();
}

/**
 * Queues a refetch of every mounted instance a target matches (PROTOCOL §4;
 * a function-level target refetches the whole instance), on `ep` only when
 * given.
 */
export function invalidate(targets: readonly Target[], ep?: Endpoint): void {
  if (targets.length) flights.clear();
  for (const i of instances.values())
    if ((!ep || i.ref.endpoint == ep) && targets.some((t) => targetMatches(t, i.ref.name, i.params))) {
      if (!queue.size) queueMicrotask(flush);
      queue.add(i);
    }
}

/** Applies the `X-Mizan-Invalidate` header of a response that did not come from a stub (a form post to a view path). */
export function invalidateFromResponse(response: Response, ep?: Endpoint): Response {
  invalidate(parseInvalidateHeader(response.headers.get(INVALIDATE_HEADER)), ep);
  return response;
}
