import { type Target } from "../protocol/index.js";
import type { InvalidationPlan } from "./routes.js";
/** The normalized target list, fitted to the header limit; the body and the header carry it as is. */
export declare function resolveTargets(plans: readonly InvalidationPlan[], args: unknown): Target[];
