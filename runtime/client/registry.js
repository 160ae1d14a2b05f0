// The mounted context instances: one per (endpoint, context, canonical
// params), each with its state and subscribers. An instance lives while
// something is subscribed to it; nothing fetches for an instance nobody shows.
import { contextPath } from "../protocol/names.js";
import { get } from "./transport.js";
export const instances = new Map();
/** The state of an instance before its first answer (and of one not yet mounted). */
export const LOADING = {
    data: undefined,
    error: null,
    status: "pending",
    isLoading: true,
    isFetching: true,
    updatedAt: 0,
};
export const noop = () => { };
/** The GET path: names sorted and `undefined` dropped, so equal params give one path. */
function pathOf(ref, params = {}) {
    const q = new URLSearchParams();
    for (const name of Object.keys(params).sort())
        for (const v of [params[name]].flat())
            if (v != null)
                q.append(name, String(v));
    const s = q + "";
    return contextPath(ref.endpoint.basePath, ref.name) + (s && "?" + s);
}
/** The registry key of an instance; equal keys mean the same data. */
export function instanceKey(ref, params) {
    return keyOf(ref, pathOf(ref, params));
}
const keyOf = (ref, path) => ref.endpoint.id + " " + path;
function set(i, patch) {
    i.s = { ...i.s, ...patch };
    for (const f of i.subs)
        f();
}
/** Fetches into the instance; joins its request in flight unless `fresh`. */
export function load(i, fresh) {
    if (i.p && !fresh)
        return i.p;
    i.ac?.abort();
    const ac = (i.ac = new AbortController());
    const n = ++i.seq;
    if (!i.s.isFetching)
        set(i, { isFetching: true, isLoading: i.s.data === undefined });
    const settle = (patch) => {
        if (n == i.seq) {
            i.p = undefined;
            set(i, { isFetching: false, isLoading: false, ...patch });
        }
    };
    const p = get(i.ref.endpoint, i.path, ac.signal, fresh).then((data) => (settle({ data, error: null, status: "success", updatedAt: Date.now() }), data), (error) => {
        // Aborted because a newer load replaced this one: whoever awaits this gets the newer answer.
        if (n != i.seq && i.p && i.p != p)
            return i.p;
        settle({ error, status: "error" });
        throw error;
    });
    return (i.p = p);
}
/**
 * Mounts the instance of (ref, params) for `listener`; the first subscriber
 * creates it and starts its fetch. The returned function unsubscribes; when
 * the last subscriber leaves, the instance is dropped and its request
 * aborted one microtask later, so an unmount followed at once by a mount of
 * the same instance (React StrictMode, a params round trip) keeps it.
 */
export function subscribe(ref, listener, ...[params]) {
    const p = (params || {});
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
export function getState(ref, ...[params]) {
    return (instances.get(instanceKey(ref, params))?.s ?? LOADING);
}
/** A one-off read, sharing an identical request in flight; not stored. */
export function fetchContext(ref, ...[params, options]) {
    return get(ref.endpoint, pathOf(ref, params), options?.signal);
}
/** Refetches a mounted instance (joining its request in flight) or reads once. */
export function refetch(ref, ...[params]) {
    const i = instances.get(instanceKey(ref, params));
    return (i ? load(i) : get(ref.endpoint, pathOf(ref, params)));
}
