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
export declare const instances: Map<string, Instance>;
/** The state of an instance before its first answer (and of one not yet mounted). */
export declare const LOADING: ContextState<never>;
/** The registry key of an instance; equal keys mean the same data. */
export declare function instanceKey<P>(ref: ContextRef<P, unknown>, params?: P): string;
/** Fetches into the instance; joins its request in flight unless `fresh`. */
export declare function load(i: Instance, fresh?: boolean): Promise<unknown>;
/**
 * Mounts the instance of (ref, params) for `listener`; the first subscriber
 * creates it and starts its fetch. The returned function unsubscribes; when
 * the last subscriber leaves, the instance is dropped and its request
 * aborted one microtask later, so an unmount followed at once by a mount of
 * the same instance (React StrictMode, a params round trip) keeps it.
 */
export declare function subscribe<P, D>(ref: ContextRef<P, D>, listener: () => void, ...[params]: ContextArgs<P, never>): () => void;
/** The current state of (ref, params): `LOADING` when it is not mounted. */
export declare function getState<P, D>(ref: ContextRef<P, D>, ...[params]: ContextArgs<P, never>): ContextState<D>;
/** A one-off read, sharing an identical request in flight; not stored. */
export declare function fetchContext<P, D>(ref: ContextRef<P, D>, ...[params, options]: ContextArgs<P, {
    signal?: AbortSignal;
}>): Promise<D>;
/** Refetches a mounted instance (joining its request in flight) or reads once. */
export declare function refetch<P, D>(ref: ContextRef<P, D>, ...[params]: ContextArgs<P, never>): Promise<D>;
