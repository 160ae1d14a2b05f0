// The `req` a function that declares `Req` receives.
import type { Req } from "../index.js";

/** `request` is a getter so the node:http entry builds a Request only when a function reads it. */
export function makeReq<User>(user: User | null, request: () => Request): Req<User> {
  return {
    user,
    get request() {
      return request();
    },
  };
}
