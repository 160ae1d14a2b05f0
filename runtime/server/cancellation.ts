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

  cancel(reason: unknown): void {
    this.#reason ??= reason;
    this.#controller?.abort(reason);
  }
}
