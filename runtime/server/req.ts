// The `req` a function that declares `Req` receives.
import type { Req } from "../index.js";

/**
 * `request` is a getter so the node:http entry builds a Request only when a
 * function reads it; on a class, so every req shares one hidden shape.
 */
class LazyReq<User> implements Req<User> {
  constructor(
    readonly user: User | null,
    private readonly load: () => Request,
  ) {}

  get request(): Request {
    return this.load();
  }
}

export function makeReq<User>(user: User | null, request: () => Request): Req<User> {
  return new LazyReq(user, request);
}
