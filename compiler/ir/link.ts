// Pass 3: links the drafts into the IR. Resolves context names and `affects`
// targets, merges each context's parameters, decides auto-scoping (Tier 1:
// the mutation's scalar parameters whose names the context also has),
// user-scoping, the render strategy and page routes.
import { CONTEXT_NAME_PATTERN } from "../../runtime/protocol/names.js";
import { methodsOf, type FunctionDraft } from "../analyze/function.js";
import type { ContextDefinition } from "../analyze/context-definitions.js";
import type { NameRef } from "../analyze/decorator-options.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { MizanOptions } from "../options.js";
import { schemaKey } from "./schema-key.js";
import { isQueryParam, isScalar, type Resolve } from "./scalar.js";
import { byLocation, closest, formatLocation } from "./sort.js";
import type { Affect, ContextIR, FunctionIR, Param, ProjectIR, SourceLocation } from "./types.js";

interface ContextEntry {
  name: string;
  location: SourceLocation;
  viewUrls: string[];
  functions: FunctionDraft[];
  pageRoutes: string[];
}

export function link(
  drafts: readonly FunctionDraft[],
  definitions: readonly ContextDefinition[],
  options: MizanOptions,
  resolve: Resolve,
  report: (d: Diagnostic) => void,
): ProjectIR {
  const contexts = new Map<string, ContextEntry>();
  for (const definition of firstByName(definitions, "MZ3004", "context", "defined", report)) {
    contexts.set(definition.name, {
      name: definition.name,
      location: definition.location,
      viewUrls: definition.viewUrls.map((v) => v.value),
      functions: [],
      pageRoutes: [],
    });
  }

  // A handle's type carries its name even when its defineContext call was not seen.
  for (const draft of drafts) {
    for (const ref of [draft.options.context, ...draft.options.affects]) {
      if (!ref?.byHandle || contexts.has(ref.name)) continue;
      if (!CONTEXT_NAME_PATTERN.test(ref.name)) {
        report({ code: "MZ3003", message: `"${ref.name}" is not a valid context name`, location: ref.location });
        continue;
      }
      contexts.set(ref.name, { name: ref.name, location: ref.location, viewUrls: [], functions: [], pageRoutes: [] });
    }
  }

  const functions = new Map(
    firstByName(drafts, "MZ1005", "function", "declared", report).map((draft) => [draft.name, draft]),
  );

  const contextOf = (ref: NameRef): ContextEntry | undefined => {
    const entry = contexts.get(ref.name);
    if (!entry) {
      report({ code: "MZ3006", message: `no context is named "${ref.name}"${suggest(ref.name, contexts.keys())}`, location: ref.location });
    }
    return entry;
  };

  const contextNameOf = new Map<string, string>();
  for (const draft of functions.values()) {
    if (!draft.options.context) continue;
    const entry = contextOf(draft.options.context);
    if (!entry) continue;
    if (draft.options.route) entry.pageRoutes.push(draft.options.route.value);
    else {
      entry.functions.push(draft);
      contextNameOf.set(draft.name, entry.name);
    }
  }

  const contextIRs = [...contexts.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((entry) => contextIR(entry, options, resolve, report));
  const paramsOf = new Map(contextIRs.map((c) => [c.name, c.params]));

  const functionIRs = [...functions.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((draft): FunctionIR => ({
        name: draft.name,
        module: draft.module,
        specifier: draft.specifier,
        exportName: draft.exportName,
        takesReq: draft.takesReq,
        params: draft.params,
        result: draft.result,
        context: contextNameOf.get(draft.name) ?? null,
        affects: resolveAffects(draft, contexts, contextNameOf, functions, paramsOf, resolve, report),
        private: draft.options.private,
        requireUser: draft.options.requireUser,
        route: draft.options.route?.value ?? null,
        methods: methodsOf(draft),
        location: draft.location,
    }));

  return { version: 1, basePath: options.basePath, contexts: contextIRs, functions: functionIRs, types: [] };
}

function contextIR(entry: ContextEntry, options: MizanOptions, resolve: Resolve, report: (d: Diagnostic) => void): ContextIR {
  const params = new Map<string, Param>();
  const required = new Set<string>();
  for (const fn of [...entry.functions].sort(byLocation)) {
    for (const param of fn.params) {
      const location = fn.paramLocations[param.name]!;
      if (!isQueryParam(param.schema, resolve)) {
        report({
          code: "MZ2002",
          message: `parameter "${param.name}" of context "${entry.name}" is not a URL-safe scalar or an array of them`,
          location,
        });
        continue;
      }
      const seen = params.get(param.name);
      if (seen && schemaKey(seen.schema) !== schemaKey(param.schema)) {
        report({
          code: "MZ2003",
          message: `parameter "${param.name}" of context "${entry.name}" has another type in another of its functions`,
          location,
        });
        continue;
      }
      if (!seen) params.set(param.name, { ...param, optional: true });
      if (!param.optional) required.add(param.name);
    }
  }
  const merged = [...params.values()]
    .map((p) => ({ ...p, optional: !required.has(p.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const identity = merged.some((p) => options.identityParams.includes(p.name));
  // A function that requires a user answers 401 or 200 by identity: never a shared cache.
  const userScoped = identity || entry.functions.some((fn) => fn.takesReq || fn.options.requireUser === true);
  return {
    name: entry.name,
    functions: entry.functions.map((f) => f.name).sort(),
    params: merged,
    renderStrategy: userScoped ? "dynamic_cached" : "psr",
    userScoped,
    pageRoutes: [...new Set([...entry.viewUrls, ...entry.pageRoutes])].sort(),
    location: entry.location,
  };
}

function resolveAffects(
  draft: FunctionDraft,
  contexts: ReadonlyMap<string, ContextEntry>,
  contextNameOf: ReadonlyMap<string, string>,
  functions: ReadonlyMap<string, FunctionDraft>,
  paramsOf: ReadonlyMap<string, Param[]>,
  resolve: Resolve,
  report: (d: Diagnostic) => void,
): Affect[] {
  const affects = new Map<string, Affect>();
  const scope = (context: string): string[] => {
    const names = new Set((paramsOf.get(context) ?? []).map((p) => p.name));
    return draft.params.filter((p) => names.has(p.name) && isScalar(p.schema, resolve)).map((p) => p.name).sort();
  };
  for (const ref of draft.options.affects) {
    const isContext = contexts.has(ref.name);
    const isFunction = functions.has(ref.name);
    let affect: Affect | undefined;
    if (ref.byHandle || (isContext && !isFunction)) {
      affect = { context: ref.name, fn: null, scope: scope(ref.name) };
    } else if (isContext && isFunction) {
      report({ code: "MZ3002", message: `"${ref.name}" is both a context and a function`, location: ref.location });
    } else if (isFunction) {
      const context = contextNameOf.get(ref.name);
      if (context === undefined) {
        report({ code: "MZ3007", message: `function "${ref.name}" does not belong to a context`, location: ref.location });
      } else affect = { context, fn: ref.name, scope: scope(context) };
    } else {
      const known = [...contexts.keys(), ...contextNameOf.keys()];
      report({ code: "MZ3001", message: `nothing is named "${ref.name}"${suggest(ref.name, known)}`, location: ref.location });
    }
    if (affect) affects.set(`${affect.context}\u0000${affect.fn ?? ""}`, affect);
  }
  return [...affects.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, affect]) => affect);
}

/** The first declaration of each name, in source order; every later one is reported. */
function firstByName<T extends { name: string; location: SourceLocation }>(
  items: readonly T[],
  code: "MZ3004" | "MZ1005",
  what: string,
  verb: string,
  report: (d: Diagnostic) => void,
): T[] {
  const first = new Map<string, T>();
  for (const item of [...items].sort(byLocation)) {
    const seen = first.get(item.name);
    if (seen) {
      report({ code, message: `${what} "${item.name}" is already ${verb} at ${formatLocation(seen.location)}`, location: item.location });
    } else first.set(item.name, item);
  }
  return [...first.values()];
}

function suggest(name: string, candidates: Iterable<string>): string {
  const best = closest(name, candidates);
  return best === undefined ? "" : `; did you mean "${best}"?`;
}
