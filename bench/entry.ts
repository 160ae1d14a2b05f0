// The handler's direct entry as toNodeListener calls it: a pending answer
// goes through the timeout's `deliver` when the build has one (builds before
// the timeout have none), so in-process benchmarks pay what a server pays.

/** The entry found on a handler, and what it answers. */
export type Handle = (incoming: unknown) => unknown;
type Found = Handle & {
  deliver?: (incoming: unknown, pending: Promise<unknown>, send: (out: unknown) => unknown) => Promise<unknown>;
};

export const HANDLE = Symbol.for("mizan.handle");
const sent = (out: unknown) => out;

export function nodeEntry(handler: unknown): Handle {
  const handle = (handler as Record<symbol, Found>)[HANDLE]!;
  const deliver = handle.deliver;
  if (deliver === undefined) return handle;
  return (incoming) => {
    const out = handle(incoming);
    return out instanceof Promise ? deliver(incoming, out, sent) : out;
  };
}
