// mizan/server: the Fetch handler over a generated route table.
export type { RouteTable, RouteContext, RouteFunction, InvalidationPlan } from "./routes.js";
export { wire } from "./wire.js";
