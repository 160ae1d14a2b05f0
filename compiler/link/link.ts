// Links the drafts of every file into the IR: one entry per context and per
// function name (a second declaration is an error), each function's context,
// and then each context (contexts.ts) and each mutation's targets
// (affects.ts). Named types still hold placeholder refs: finalize.ts names them.
import { CONTEXT_NAME_PATTERN, PROTOCOL_VERSION } from "../../runtime/protocol/names.js";
import { methodsOf, type ContextDefinition, type FunctionDraft, type NameRef } from "../analyze/drafts.js";
import { diagnostic, formatLocation, message, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../diagnostics/suggest.js";
import type { MizanOptions } from "../input/options.js";
import type { Resolve } from "../ir/scalar.js";
import { byLocation } from "../ir/sort.js";
import { importPath, type ImportStyle } from "../paths/import-path.js";
import type { FunctionIR, Param, ProjectIR, SourceLocation } from "../ir/types.js";
import { resolveAffects } from "./affects.js";
import { contextIR, type ContextEntry } from "./contexts.js";

export function link(
  drafts: readonly FunctionDraft[],
  definitions: readonly ContextDefinition[],
  options: MizanOptions,
  projectDir: string,
  resolve: Resolve,
  report: (d: Diagnostic) => void,
  /** How the project spells relative imports (module-resolution.ts). */
  style: ImportStyle = "js",
): Omit<ProjectIR, "types" | "names" | "nullChecks"> {
  const contexts = new Map<string, ContextEntry>();
  for (const definition of firstByName(definitions, "MZ3004", report)) {
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
        report(diagnostic("MZ3003", "invalidName", ref.location, ref.name));
        continue;
      }
      contexts.set(ref.name, { name: ref.name, location: ref.location, viewUrls: [], functions: [], pageRoutes: [] });
    }
  }

  const functions = new Map(
    firstByName(drafts, "MZ1005", report).map((draft) => [draft.name, draft]),
  );

  const contextOf = (ref: NameRef): ContextEntry | undefined => {
    const entry = contexts.get(ref.name);
    if (!entry) {
      report(diagnostic("MZ3006", "unknownContext", ref.location, ref.name, suggest(ref.name, contexts.keys())));
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

  const functionIRs = [...functions.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((draft): FunctionIR => ({
        name: draft.name,
        module: draft.module,
        specifier: draft.specifier ?? importPath(options.outDir, projectDir, draft.module, style),
        exportName: draft.exportName,
        importName: draft.importName,
        takesReq: draft.takesReq,
        params: draft.params,
        result: draft.result,
        context: contextNameOf.get(draft.name) ?? null,
        affects: resolveAffects(draft, contexts, contextNameOf, functions, resolve, report),
        private: draft.options.private,
        requireUser: draft.options.requireUser,
        route: draft.options.route?.value ?? null,
        methods: methodsOf(draft),
        location: draft.location,
    }));

  return { version: PROTOCOL_VERSION, basePath: options.basePath, contexts: contextIRs, functions: functionIRs };
}

/** The first declaration of each name, in source order; every later one is reported. */
function firstByName<T extends { name: string; location: SourceLocation }>(
  items: readonly T[],
  code: "MZ3004" | "MZ1005",
  report: (d: Diagnostic) => void,
): T[] {
  const first = new Map<string, T>();
  for (const item of [...items].sort(byLocation)) {
    const seen = first.get(item.name);
    if (seen) {
      report({
        ...diagnostic(code, "duplicate", item.location, item.name, formatLocation(seen.location)),
        related: { message: message(code, "first", item.name), location: seen.location },
      });
    } else first.set(item.name, item);
  }
  return [...first.values()];
}
