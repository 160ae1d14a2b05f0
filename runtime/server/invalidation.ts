// From a function's invalidation plans and its validated arguments to the
// targets it emits (PROTOCOL §2, §4): a plan whose scope names all have
// scalar values becomes a scoped target; if any is absent, null or not a
// scalar (or a string no URL can carry), the plan falls back to its whole context (or, for a function-level
// plan, the whole function): over-invalidate, never under-invalidate.
import { fitInvalidateTargets, fitNormalTargets, sortedTarget, type ParamValue, type Target } from "../protocol/index.js";
import { hasLoneSurrogate } from "../protocol/header.js";
import type { InvalidationPlan } from "./routes.js";

function scalar(value: unknown): value is ParamValue {
  // A lone surrogate has no UTF-8 form: no query string, and so no instance, holds one, and the
  // header could only write U+FFFD where the body has the surrogate. Its plan falls back to the context.
  if (typeof value === "string") return !hasLoneSurrogate(value);
  return typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** The plan's target in normal form: its params built in sorted order, so nothing sorts them again. */
function targetOf(plan: InvalidationPlan, args: unknown): Target {
  const scope = plan.scope.length > 1 ? [...plan.scope].sort() : plan.scope;
  const record = args !== null && typeof args === "object" ? (args as Record<string, unknown>) : undefined;
  let params: Record<string, ParamValue> | undefined;
  for (const name of scope) {
    const value = record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
    if (!scalar(value)) return sortedTarget(plan.context, plan.fn, undefined);
    params ??= {};
    // Assigning "__proto__" would set the prototype: that one name is defined as an own property.
    if (name === "__proto__") Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
    else params[name] = value;
  }
  return sortedTarget(plan.context, plan.fn, params);
}

/** The normalized target list, fitted to the header limit; the body and the header carry it as is. */
export function resolveTargets(plans: readonly InvalidationPlan[], args: unknown): Target[] {
  if (plans.length === 0) return [];
  // One plan gives one target, already in normal form.
  if (plans.length === 1) return fitNormalTargets([targetOf(plans[0]!, args)]);
  return fitInvalidateTargets(plans.map((plan) => targetOf(plan, args)));
}
