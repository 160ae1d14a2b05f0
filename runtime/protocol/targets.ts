// Invalidation targets (PROTOCOL §4): their types, the normal form of a list
// (deduplicated, subsumed, sorted) and instance matching. No zod here: the
// client bundle imports this file (the schemas are in schemas.ts).

export type ParamValue = string | number | boolean;
export type TargetParams = Readonly<Record<string, ParamValue>>;

/** `"user"`: every instance of the context. */
export type BroadTarget = string;
/** `{context, params}`: the instances whose params match. */
export interface ScopedTarget {
  readonly context: string;
  readonly params: TargetParams;
  readonly fn?: undefined;
}
/** `{context, fn, params?}`: one function of the context (v1 refetches the whole instance). */
export interface FunctionTarget {
  readonly context: string;
  readonly fn: string;
  readonly params?: TargetParams;
}
export type Target = BroadTarget | ScopedTarget | FunctionTarget;


/** The parts every target has, whatever its form. */
export interface TargetParts {
  context: string;
  fn: string | undefined;
  params: TargetParams;
}

export function targetParts(target: Target): TargetParts {
  if (typeof target === "string") return { context: target, fn: undefined, params: {} };
  return { context: target.context, fn: target.fn, params: target.params ?? {} };
}

/** Builds the JSON form: broad when there is neither fn nor params. */
export function makeTarget(context: string, fn?: string, params: TargetParams = {}): Target {
  return Object.keys(params).length > 0 ? sortedTarget(context, fn, sortParams(params)) : sortedTarget(context, fn, undefined);
}

/** makeTarget for params whose keys are already sorted (or none): the server builds them so, once per mutation. */
export function sortedTarget(context: string, fn: string | undefined, sorted: TargetParams | undefined): Target {
  if (fn !== undefined) return sorted !== undefined ? { context, fn, params: sorted } : { context, fn };
  return sorted !== undefined ? { context, params: sorted } : context;
}

function sortParams(params: TargetParams): TargetParams {
  // fromEntries defines own properties: a param named "__proto__" stays a param.
  return Object.fromEntries(Object.keys(params).sort().map((key) => [key, params[key]!]));
}

/** Values compare as strings: the header carries strings, JSON may carry numbers. */
function sameValue(a: ParamValue, b: ParamValue): boolean {
  return String(a) === String(b);
}

/**
 * Does a target hit an instance of `context` with these params? A broad
 * target hits every instance; a scoped or function target hits when every
 * param it names equals the instance's value compared as strings. An
 * instance that does not have a param the target names (an optional filter
 * left out) holds data for every value of it, so it is hit too: a mutation
 * of order 7's status must refresh the unfiltered order list. Over-invalidate,
 * never leave stale data.
 */
export function targetMatches(
  target: Target,
  context: string,
  instanceParams: Readonly<Record<string, unknown>>,
): boolean {
  // Read directly rather than through targetParts: this runs in every client bundle.
  if (typeof target === "string") return target === context;
  if (target.context !== context) return false;
  for (const [name, value] of Object.entries(target.params ?? {})) {
    const actual = instanceParams[name];
    // An absent param is every value; an array param holds the value when one of its elements is it.
    if (actual != null && ![actual].flat().some((v) => String(v) === String(value))) return false;
  }
  return true;
}

/** `a` covers everything `b` covers: same context, fn absent or equal, params a subset. */
function subsumes(a: TargetParts, b: TargetParts): boolean {
  if (a.context !== b.context) return false;
  if (a.fn !== undefined && a.fn !== b.fn) return false;
  for (const [name, value] of Object.entries(a.params)) {
    const other = b.params[name];
    if (other === undefined || !sameValue(other, value)) return false;
  }
  return true;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The params as sorted `[name, value-as-string]` pairs: what two targets are compared by. */
function paramPairs(parts: TargetParts): [string, string][] {
  return Object.keys(parts.params)
    .sort()
    .map((name) => [name, String(parts.params[name])]);
}

/** A total order: context, then fn (none first), then params pair by pair. */
function compareParts(a: TargetParts, b: TargetParts): number {
  const byName =
    compareText(a.context, b.context) ||
    (a.fn === undefined ? (b.fn === undefined ? 0 : -1) : b.fn === undefined ? 1 : compareText(a.fn, b.fn));
  if (byName !== 0) return byName;
  const pa = paramPairs(a);
  const pb = paramPairs(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const order = compareText(pa[i]![0], pb[i]![0]) || compareText(pa[i]![1], pb[i]![1]);
    if (order !== 0) return order;
  }
  return pa.length - pb.length;
}

/**
 * The normal form of a target list: each target in its JSON form with sorted
 * params, duplicates removed, targets covered by a broader one dropped, sorted.
 * Values compare as strings, so `{userId: 5}` and `{userId: "5"}` are one
 * target; which spelling survives is fixed (the one whose JSON sorts first),
 * so the result does not depend on the input order.
 */
export function normalizeTargets(targets: readonly Target[]): Target[] {
  if (targets.length === 1) {
    // The common case of one target: only its form to normalize.
    const only = targetParts(targets[0]!);
    return [makeTarget(only.context, only.fn, only.params)];
  }
  const unique = new Map<string, { parts: TargetParts; json: string }>();
  for (const target of targets) {
    const parts = targetParts(target);
    // JSON of the pairs: no separator inside a name or value can make two targets collide.
    const key = JSON.stringify([parts.context, parts.fn ?? null, paramPairs(parts)]);
    const json = JSON.stringify(Object.entries(sortParams(parts.params)));
    const seen = unique.get(key);
    if (seen === undefined || json < seen.json) unique.set(key, { parts, json });
  }
  const all = [...unique.values()].map(({ parts }) => parts).sort(compareParts);
  const byContext = new Map<string, TargetParts[]>();
  for (const parts of all) {
    const list = byContext.get(parts.context);
    if (list === undefined) byContext.set(parts.context, [parts]);
    else list.push(parts);
  }
  const kept = all.filter(
    (parts) => !byContext.get(parts.context)!.some((other) => other !== parts && subsumes(other, parts)),
  );
  return kept.map((parts) => makeTarget(parts.context, parts.fn, parts.params));
}
