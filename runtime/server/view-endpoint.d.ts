import type { Incoming } from "./incoming.js";
import type { Runtime } from "./runtime.js";
import { type Outgoing } from "./outgoing.js";
import type { ViewMatch } from "./view-paths.js";
export declare function serveView<User>(runtime: Runtime<User>, incoming: Incoming, match: ViewMatch): Promise<Outgoing>;
