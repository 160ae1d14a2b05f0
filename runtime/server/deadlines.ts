// The handler's timeout: an answer not ready within `timeout` ms is
// replaced by the timeout's (a 503), and the work's own answer, when it
// comes, is dropped. One timer per handler rather than one per request: a
// request joins the current slot (a linked list, so leaving costs no hash),
// the timer ticks every quarter of the timeout and expires the slot opened
// five ticks before, so a request is answered between 1 and 1.25 timeouts
// late. The timer runs only while a request waits (and keeps the process
// alive as long: a script awaiting the Fetch handler gets its 503).

const SLOTS = 5;

/** One request that waits for its answer; a slot's list head is one too. */
class Waiting<T, K> {
  prev: Waiting<T, K> = this;
  next: Waiting<T, K> = this;
  /** Whether the timeout's answer was sent. */
  expired = false;
  constructor(
    readonly key: K,
    readonly send: (value: T) => unknown,
  ) {}

  unlink(): void {
    this.prev.next = this.next;
    this.next.prev = this.prev;
  }
}

const nothing = (): never => {
  throw new Error("a slot's head is never sent");
};

export class Deadlines<T, K> {
  readonly #slots: Waiting<T, K>[] = Array.from({ length: SLOTS }, () => new Waiting<T, K>(undefined as K, nothing));
  #head = 0;
  #waiting = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** `expire(key)` is the answer of a request whose timeout passed; `drop` disposes of an answer that came too late. */
  constructor(
    readonly timeout: number,
    private readonly expire: (key: K) => T,
    private readonly drop: (late: T) => void = () => undefined,
  ) {}

  /**
   * Sends `pending`'s value, or `expire(key)`'s once the timeout has passed
   * first; `pending` must not reject. No promise of its own: the node:http
   * entry writes from here. The promise returned settles with `send`'s.
   */
  deliver<R>(key: K, pending: Promise<T>, send: (value: T) => R): Promise<R | undefined> {
    const waiting = new Waiting(key, send);
    this.#add(waiting);
    return pending.then((value) => {
      // Expired already: the timeout's answer went out, this one goes nowhere.
      if (waiting.expired) return void this.drop(value);
      waiting.unlink();
      this.#waiting--;
      return send(value);
    });
  }

  #add(waiting: Waiting<T, K>): void {
    const head = this.#slots[this.#head]!;
    waiting.prev = head.prev;
    waiting.next = head;
    head.prev.next = waiting;
    head.prev = waiting;
    if (this.#waiting++ === 0 && this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), Math.max(1, this.timeout / (SLOTS - 1)));
    }
  }

  #tick(): void {
    this.#head = (this.#head + 1) % SLOTS;
    const head = this.#slots[this.#head]!;
    // Detach the slot's list first: an expire that adds a request adds it to a fresh one.
    let waiting = head.next;
    head.next = head.prev = head;
    while (waiting !== head) {
      const next = waiting.next;
      waiting.expired = true;
      this.#waiting--;
      try {
        const sent = waiting.send(this.expire(waiting.key));
        if (sent instanceof Promise) sent.catch(() => undefined);
      } catch {
        // A connection already broken: nobody is left to answer.
      }
      waiting = next;
    }
    if (this.#waiting === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}
