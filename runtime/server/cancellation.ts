// `req.signal`: aborted when the client goes away or the handler's timeout
// passes, so a function can stop work nobody will read (a query, a fetch).
// Made on first read: most functions never look at it, and a request that
// nobody watches costs no listener.

/** Why a request's signal aborted when the handler's timeout passed. */
export function timeoutReason(timeout: number): DOMException {
  return new DOMException(`no answer within the handler's timeout (${timeout} ms)`, "TimeoutError");
}

/** Why a request's signal aborted when its client left. */
export function clientLeft(): DOMException {
  return new DOMException("the client went away before its answer", "AbortError");
}

export class Cancellation {
  #controller: AbortController | undefined;
  #reason: unknown;

  /** `watch` is called once, by the signal's first reader, to cancel when the client leaves. */
  constructor(private readonly watch: (cancel: (reason: unknown) => void) => void) {}

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = (this.#controller = new AbortController());
      if (this.#reason !== undefined) controller.abort(this.#reason);
      else this.watch((reason) => this.cancel(reason));
    }
    return this.#controller.signal;
  }

  /** Whether the client left or the timeout passed: what the work then throws is nobody's concern. */
  get cancelled(): boolean {
    return this.#reason !== undefined;
  }

  cancel(reason: unknown): void {
    this.#reason ??= reason;
    this.#controller?.abort(reason);
  }
}

/**
 * A signal that never aborts: for work readers share (a context read through
 * the origin cache), which no one reader's leaving may stop, and for invoke
 * given no signal.
 */
export const NEVER_ABORTS: { readonly signal: AbortSignal } = { signal: new AbortController().signal };

/** Throws the signal's abort when the request's timeout (or its client) is gone: its function is not started. */
export function notExpired(incoming: { cancelled(): boolean }): void {
  if (incoming.cancelled()) throw new DOMException("the request's answer has already been given", "AbortError");
}
