// The invalidation hooks (onInvalidate, and the origin cache's purge beside
// them): every one runs with each non-empty target list and is awaited, so
// the mutation's response goes out after every cache heard of it.
import type { Principal } from "../index.js";
import type { Target } from "../protocol/index.js";
import type { ErrorInfo, ErrorPhase, ErrorReporter } from "./faults.js";
import type { Incoming } from "./incoming.js";

/** Where an invalidation came from: a `/call/`, a view path, or `handler.invoke`. */
export type InvalidationSource = "call" | "view" | "invoke";

export interface InvalidationInfo<User = Principal> {
  /** The function that ran. */
  readonly name: string;
  /** Its validated arguments. */
  readonly args: unknown;
  readonly user: User | null;
  readonly source: InvalidationSource;
  /** The request, built on first read; undefined for an invoke given none. */
  readonly request: Request | undefined;
}

export type InvalidateHook<User = Principal> = (
  targets: readonly Target[],
  info: InvalidationInfo<User>,
) => void | Promise<void>;

export type Emit<User> = (targets: readonly Target[], info: InvalidationInfo<User>, incoming: Incoming | undefined) => Promise<void>;

/** What onError is told of a failure after a mutation: an invoke has no request, so its method reads INVOKE. */
export function mutationErrorInfo(phase: ErrorPhase, info: InvalidationInfo<unknown>, incoming: Incoming | undefined): ErrorInfo {
  return { phase, name: info.name, method: incoming?.method ?? "INVOKE", url: incoming?.url.href ?? "" };
}

/** Runs every hook; a failing one is reported, and the mutation, which already happened, still answers 200. */
export function hookEmitter<User>(hooks: readonly InvalidateHook<User>[], report: ErrorReporter): Emit<User> | undefined {
  // No hooks: nothing to emit to, and a mutation waits for nothing.
  if (hooks.length === 0) return undefined;
  return async (targets, info, incoming) => {
    if (targets.length === 0) return;
    const settled = await Promise.allSettled(hooks.map(async (hook) => hook(targets, info)));
    for (const outcome of settled) {
      if (outcome.status === "rejected") report(outcome.reason, mutationErrorInfo("invalidation", info, incoming));
    }
  };
}
