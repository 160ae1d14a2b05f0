import type { Target } from "../protocol/index.js";
import type { Incoming } from "./incoming.js";
import type { InvalidationSource } from "./hooks.js";
import type { Runtime } from "./runtime.js";
import type { RouteFunction } from "./routes.js";
export declare function settleInvalidation<User>(runtime: Runtime<User>, entry: RouteFunction, name: string, args: unknown, user: User | null, source: InvalidationSource, request: (() => Request) | undefined, incoming: Incoming | undefined): Target[] | Promise<Target[]>;
