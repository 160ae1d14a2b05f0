// mizan/server: the Fetch handler over a generated route table.
export type { RouteTable, RouteContext, RouteFunction, InvalidationPlan, TypedRead, TypedCall } from "./routes.js";
export type { ResultShape, ShapeRef } from "../protocol/canonical-json.js";
export { wire, type StandardOutput } from "./wire.js";
// The generated routes.ts builds its schemas with this zod.
export { z } from "zod";
export { createHandler, type Handler, type InvokeOptions, type InvokeResult, type InvokableName } from "./handler.js";
export { toNodeListener, type NodeListener } from "./node.js";
export { nodeClientError } from "./node-client-error.js";
export { MizanHttpError, MizanError } from "./errors.js";
export { DEFAULT_BODY_LIMIT, DEFAULT_S_MAXAGE, DEFAULT_STALE_WHILE_REVALIDATE } from "./defaults.js";
export type { ErrorInfo, ErrorPhase } from "./faults.js";
export type { HandlerOptions } from "./handler-options.js";
export type { InvalidateHook, InvalidationInfo, InvalidationSource } from "./hooks.js";
export type { PublicCacheOptions, PublicCacheSettings } from "./public-cache.js";
export type { EdgeHeaderOptions } from "./edge-headers.js";
export type { PurgeOptions } from "./edge-purge.js";
