// From a function's invalidation plans and its validated arguments to the
// targets it emits (PROTOCOL §2, §4): a plan whose scope names all have
// scalar values becomes a scoped target; if any is absent, null or not a
// scalar, the plan falls back to its whole context (or, for a function-level
// plan, the whole function): over-invalidate, never under-invalidate.
import { fitInvalidateTargets, makeTarget, type ParamValue, type Target } from "../protocol/index.js";
import type { InvalidationPlan } from "./routes.js";

function scalar(value: unknown): value is ParamValue {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

function targetOf(plan: InvalidationPlan, args: unknown): Target {
  const params: [string, ParamValue][] = [];
  for (const name of plan.scope) {
    const value =
      args !== null && typeof args === "object" && Object.hasOwn(args, name)
        ? (args as Record<string, unknown>)[name]
        : undefined;
    if (!scalar(value)) return makeTarget(plan.context, plan.fn);
    params.push([name, value]);
  }
  return makeTarget(plan.context, plan.fn, Object.fromEntries(params));
}

/** The normalized target list, fitted to the header limit; the body and the header carry it as is. */
export function resolveTargets(plans: readonly InvalidationPlan[], args: unknown): Target[] {
  if (plans.length === 0) return [];
  return fitInvalidateTargets(plans.map((plan) => targetOf(plan, args)));
}
