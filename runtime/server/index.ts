// mizan/server: the Fetch handler over a generated route table.
export type { RouteTable, RouteContext, RouteFunction, InvalidationPlan } from "./routes.js";
export { wire } from "./wire.js";
// The generated routes.ts builds its schemas with this zod.
export { z } from "zod";
export { createHandler, type Handler, type InvokeOptions, type InvokeResult, type InvokableName } from "./handler.js";
export { toNodeListener, type NodeListener } from "./node.js";
export { MizanError } from "./errors.js";
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_S_MAXAGE,
  DEFAULT_STALE_WHILE_REVALIDATE,
  type ErrorInfo,
  type ErrorPhase,
  type HandlerOptions,
  type InvalidateHook,
  type InvalidationInfo,
  type InvalidationSource,
  type PublicCacheOptions,
  type PublicCacheSettings,
} from "./options.js";
export type { EdgeHeaderOptions } from "./edge-headers.js";
export type { PurgeOptions } from "./edge-purge.js";
