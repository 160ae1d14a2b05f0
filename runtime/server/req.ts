// The `req` a function that declares `Req` receives.
import type { Req } from "../index.js";

/** Where a req's request and signal come from: the Incoming, or what `invoke` was given. */
export interface ReqSource {
  request(): Request;
  readonly cancellation: { readonly signal: AbortSignal };
}

/**
 * `request` and `signal` are getters so the node:http entry builds a Request
 * or an AbortController only when a function reads one; on a class, so every
 * req shares one hidden shape.
 */
class LazyReq<User> implements Req<User> {
  constructor(
    readonly user: User | null,
    private readonly source: ReqSource,
  ) {}

  get request(): Request {
    return this.source.request();
  }

  get signal(): AbortSignal {
    return this.source.cancellation.signal;
  }
}

export function makeReq<User>(user: User | null, source: ReqSource): Req<User> {
  return new LazyReq(user, source);
}
