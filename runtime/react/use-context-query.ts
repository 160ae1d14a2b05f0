import { useMemo, useSyncExternalStore } from "react";
import { getState, instanceKey, refetch, subscribe } from "../client/index.js";
import type { ContextArgs, ContextRef, ContextState } from "../client/index.js";

export interface ContextQueryOptions {
  /** `false`: no instance is mounted and nothing is fetched. Default `true`. */
  enabled?: boolean;
}

export type ContextQueryResult<Data> = ContextState<Data> & {
  /** Refetches this instance, joining a request already in flight. */
  refetch: () => Promise<Data>;
};

/** The state of a query that is not enabled. */
const IDLE: ContextState<never> = {
  data: undefined,
  error: null,
  status: "pending",
  isLoading: false,
  isFetching: false,
  updatedAt: 0,
};

const unsubscribed = () => () => {};

/**
 * Mounts the instance of (ref, params) while the component is mounted and
 * re-renders with its state. New params (by value) switch to another
 * instance; the previous one is dropped if nothing else shows it.
 */
export function useContextQuery<Params, Data>(
  ref: ContextRef<Params, Data>,
  ...[params, options]: ContextArgs<Params, ContextQueryOptions>
): ContextQueryResult<Data> {
  const on = options?.enabled != false;
  const key = instanceKey(ref, params);
  const args = [params] as ContextArgs<Params, never>;
  // Keyed by value, not by the identity of a params object written inline.
  const [sub, snap, again] = useMemo(
    () => [
      on ? (listener: () => void) => subscribe(ref, listener, ...args) : unsubscribed,
      on ? () => getState(ref, ...args) : () => IDLE as ContextState<Data>,
      () => refetch(ref, ...args),
    ],
    [key, on],
  );
  const state = useSyncExternalStore(sub, snap, snap);
  return useMemo(() => ({ ...state, refetch: again }), [state, again]);
}
