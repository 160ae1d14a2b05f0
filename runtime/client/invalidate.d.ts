import { type Target } from "../protocol/targets.js";
import type { Endpoint } from "./types.js";
/**
 * Queues a refetch of every mounted instance a target matches (PROTOCOL §4;
 * a function-level target refetches the whole instance), on `ep` only when
 * given.
 */
export declare function invalidate(targets: readonly Target[], ep?: Endpoint): void;
/** Applies the `X-Mizan-Invalidate` header of a response that did not come from a stub (a form post to a view path). */
export declare function invalidateFromResponse(response: Response, ep?: Endpoint): Response;
