// A mutation's `affects` targets, resolved against the contexts and the
// functions, with the parameters that scope each (auto-scoping, Tier 1: the
// mutation's scalar parameters whose names every affected function of the
// context takes, narrowed to its `scopeBy` when declared). A function that
// does not take a name is not keyed by it: a target scoped by it would miss
// the instances where that function's result changed (a count beside a list
// filtered by `tag`, after adding a note with another tag).
import type { FunctionDraft } from "../analyze/drafts.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../diagnostics/suggest.js";
import { isScalar, scalarKinds, type Resolve } from "../ir/scalar.js";
import type { Affect, Param } from "../ir/types.js";
import type { ContextEntry } from "./contexts.js";

export function resolveAffects(
  draft: FunctionDraft,
  contexts: ReadonlyMap<string, ContextEntry>,
  contextNameOf: ReadonlyMap<string, string>,
  functions: ReadonlyMap<string, FunctionDraft>,
  resolve: Resolve,
  report: (d: Diagnostic) => void,
): Affect[] {
  const affects = new Map<string, Affect>();
  const declared = new Set(draft.params.map((p) => p.name));
  for (const { name, location } of draft.options.scopeBy ?? []) {
    if (!declared.has(name)) report(diagnostic("MZ3008", "notParameter", location, name, suggest(name, declared)));
  }
  const allowed = draft.options.scopeBy && new Set(draft.options.scopeBy.map((s) => s.name));
  const scope = (context: string, fn: string | null): string[] => {
    const readers = fn === null ? (contexts.get(context)?.functions ?? []) : [functions.get(fn)!];
    const names = new Set(readers[0]?.params.map((p) => p.name));
    for (const reader of readers.slice(1)) {
      const taken = new Set(reader.params.map((p) => p.name));
      for (const name of names) if (!taken.has(name)) names.delete(name);
    }
    const scoping = (p: Param) => names.has(p.name) && isScalar(p.schema, resolve) && (!allowed || allowed.has(p.name)) && sameKind(p, context, readers);
    return draft.params.filter(scoping).map((p) => p.name).sort();
  };
  /**
   * Targets match instances by their values' text (PROTOCOL §4): an argument
   * of another kind than the context's parameter (`"05"` for the number 5)
   * would name no instance, and the mutation would purge nothing.
   */
  const mismatched = new Set<string>();
  const sameKind = (p: Param, context: string, readers: readonly FunctionDraft[]): boolean => {
    const own = scalarKinds(p.schema, resolve);
    for (const reader of readers) {
      const theirs = reader.params.find((q) => q.name === p.name);
      if (theirs === undefined || sameSet(own, scalarKinds(theirs.schema, resolve))) continue;
      if (!mismatched.has(p.name)) mismatched.add(p.name);
      else return false;
      const location = draft.paramLocations[p.name] ?? draft.location;
      report(diagnostic("MZ3009", "otherKind", location, p.name, [...own].sort().join(" | "), context, reader.name, [...scalarKinds(theirs.schema, resolve)].sort().join(" | ")));
      return false;
    }
    return true;
  };
  for (const ref of draft.options.affects) {
    const isContext = contexts.has(ref.name);
    const isFunction = functions.has(ref.name);
    let affect: Affect | undefined;
    if (ref.byHandle || (isContext && !isFunction)) {
      affect = { context: ref.name, fn: null, scope: scope(ref.name, null) };
    } else if (isContext && isFunction) {
      report(diagnostic("MZ3002", "ambiguous", ref.location, ref.name));
    } else if (isFunction) {
      const context = contextNameOf.get(ref.name);
      if (context === undefined) {
        report(diagnostic("MZ3007", "notContextRead", ref.location, ref.name));
      } else affect = { context, fn: ref.name, scope: scope(context, ref.name) };
    } else {
      const known = [...contexts.keys(), ...contextNameOf.keys()];
      report(diagnostic("MZ3001", "unknownTarget", ref.location, ref.name, suggest(ref.name, known)));
    }
    if (affect) affects.set(`${affect.context}\u0000${affect.fn ?? ""}`, affect);
  }
  return [...affects.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, affect]) => affect);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
