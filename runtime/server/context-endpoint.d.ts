import type { Incoming } from "./incoming.js";
import type { Runtime } from "./runtime.js";
import { type Outgoing } from "./outgoing.js";
/**
 * GET {base}/ctx/{name}/. Not async: with a synchronous authenticate (or
 * none) a memory-cache hit is answered in this turn, without a promise.
 */
export declare function serveContext<User>(runtime: Runtime<User>, incoming: Incoming, name: string): Outgoing | Promise<Outgoing>;
