// A circuit breaker over the Redis commands: after `threshold` failures in
// a row it opens, and commands fail at once (the request computes instead
// of waiting out a timeout); after `cooldownMs` one command is let through
// as a probe, and its success closes the breaker again.
export class Breaker {
  #failures = 0;
  #retryAt = 0;
  opened = 0;

  constructor(
    readonly threshold: number,
    readonly cooldownMs: number,
  ) {}

  get open(): boolean {
    return this.#failures >= this.threshold;
  }

  /** Whether allow() would let a command through now (closed, or a probe is due), without taking the probe. */
  get usable(): boolean {
    return this.#failures < this.threshold || Date.now() >= this.#retryAt;
  }

  /** Whether a command may be sent now (when open, one probe per cooldown). */
  allow(): boolean {
    if (this.#failures < this.threshold) return true;
    const now = Date.now();
    if (now < this.#retryAt) return false;
    this.#retryAt = now + this.cooldownMs;
    return true;
  }

  success(): void {
    this.#failures = 0;
  }

  failure(): void {
    this.#failures++;
    if (this.#failures === this.threshold) this.opened++;
    if (this.#failures >= this.threshold) this.#retryAt = Date.now() + this.cooldownMs;
  }
}
