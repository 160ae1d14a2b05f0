import type { Incoming } from "./incoming.js";
import type { Runtime } from "./runtime.js";
import { type Outgoing } from "./outgoing.js";
export declare function serveCall<User>(runtime: Runtime<User>, incoming: Incoming, name: string): Promise<Outgoing>;
