// The mounted context instances: one per (endpoint, context, canonical
// params), each with its state and subscribers. An instance lives while
// something is subscribed to it; nothing fetches for an instance nobody shows.
import { contextPath } from "../protocol/names.js";
import { get, noop } from "./transport.js";
import type { ContextArgs, ContextRef, ContextState } from "./types.js";

export interface Instance {
  ref: ContextRef<unknown, unknown>;
  params: Record<string, unknown>;
  path: string;
  s: ContextState<unknown>;
  subs: Set<() => void>;
  /** Sequence of the latest request: only its answer may land. */
  seq: number;
  ac?: AbortController;
  p?: Promise<unknown> | undefined;
}

export const instances = new Map<string, Instance>();

/** The state of an instance before its first answer (and of one not yet mounted). */
export const LOADING: ContextState<never> = {
  data: undefined,
  error: null,
  status: "pending",
  isLoading: true,
  isFetching: true,
  updatedAt: 0,
};

/** The GET path: names sorted and `undefined` dropped, so equal params give one path. */
function pathOf(ref: ContextRef<unknown, unknown>, params: Record<string, unknown> = {}): string {
  const q = new URLSearchParams();
  for (const name of Object.keys(params).sort())
    for (const v of [params[name]].flat()) if (v != null) q.append(name, String(v));
  const s = q + "";
  return contextPath(ref.endpoint.basePath, ref.name) + (s && "?" + s);
}

/** The registry key of an instance; equal keys mean the same data. */
export function instanceKey<P>(ref: ContextRef<P, unknown>, params?: P): string {
  return keyOf(ref, pathOf(ref, params as Record<string, unknown>));
}

const keyOf = (ref: ContextRef<unknown, unknown>, path: string) => ref.endpoint.id + " " + path;

function set(i: Instance, patch: Partial<ContextState<unknown>>): void {
  // The patches keep status, data and error in step (load below), which the spread cannot show.
  i.s = { ...i.s, ...patch } as ContextState<unknown>;
  for (const f of i.subs) f();
}

/** Fetches into the instance; joins its request in flight unless `fresh`. */
export function load(i: Instance, fresh?: boolean): Promise<unknown> {
  if (i.p && !fresh) return i.p;
  i.ac?.abort();
  const ac = (i.ac = new AbortController());
  const n = ++i.seq;
  if (!i.s.isFetching) set(i, { isFetching: true, isLoading: i.s.data === undefined });
  const settle = (patch: Partial<ContextState<unknown>>) => {
    if (n == i.seq) {
      i.p = undefined;
      set(i, { isFetching: false, isLoading: false, ...patch });
    }
  };
  const p: Promise<unknown> = get(i.ref.endpoint, i.path, ac.signal, fresh).then(
    (data) => (settle({ data, error: null, status: "success", updatedAt: Date.now() }), data),
    (error) => {
      // Aborted because a newer load replaced this one: whoever awaits this gets the newer answer.
      if (n != i.seq && i.p && i.p != p) return i.p;
      settle({ error, status: "error" });
      throw error;
    },
  );
  return (i.p = p);
}

/**
 * Mounts the instance of (ref, params) for `listener`; the first subscriber
 * creates it and starts its fetch. The returned function unsubscribes; when
 * the last subscriber leaves, the instance is dropped and its request
 * aborted one microtask later, so an unmount followed at once by a mount of
 * the same instance (React StrictMode, a params round trip) keeps it.
 */
export function subscribe<P, D>(
  ref: ContextRef<P, D>,
  listener: () => void,
  ...[params]: ContextArgs<P, never>
): () => void {
  const p = (params || {}) as Record<string, unknown>;
  const path = pathOf(ref, p);
  const k = keyOf(ref, path);
  let i = instances.get(k);
  if (!i) {
    instances.set(k, (i = { ref, params: p, path, s: LOADING, subs: new Set(), seq: 0 }));
    load(i).catch(noop);
  }
  const inst = i;
  inst.subs.add(listener);
  return () => {
    inst.subs.delete(listener);
    queueMicrotask(() => {
      if (!inst.subs.size && instances.get(k) == inst) {
        instances.delete(k);
        inst.seq++;
        inst.ac?.abort();
      }
    });
  };
}

/** The current state of (ref, params): `LOADING` when it is not mounted. */
export function getState<P, D>(ref: ContextRef<P, D>, ...[params]: ContextArgs<P, never>): ContextState<D> {
  return (instances.get(instanceKey(ref, params))?.s ?? LOADING) as ContextState<D>;
}

/** A one-off read, sharing an identical request in flight; not stored. */
export function fetchContext<P, D>(
  ref: ContextRef<P, D>,
  ...[params, options]: ContextArgs<P, { signal?: AbortSignal }>
): Promise<D> {
  return get(ref.endpoint, pathOf(ref, params as Record<string, unknown>), options?.signal) as Promise<D>;
}

/** Refetches a mounted instance (joining its request in flight) or reads once. */
export function refetch<P, D>(ref: ContextRef<P, D>, ...[params]: ContextArgs<P, never>): Promise<D> {
  const i = instances.get(instanceKey(ref, params));
  return (i ? load(i) : get(ref.endpoint, pathOf(ref, params as Record<string, unknown>))) as Promise<D>;
}
