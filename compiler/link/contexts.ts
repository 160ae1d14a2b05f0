// Each context as the manifest describes it: its functions, its parameters
// (the union of its functions' parameters, one type per name), whether it is
// user-scoped (`user_scoped`, and so `render_strategy`), and its page routes.
import type { FunctionDraft } from "../analyze/drafts.js";
import { keyFile } from "../analyze/schema/index.js";
import { diagnostic, message, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { MizanOptions } from "../input/options.js";
import { makeUnion } from "../ir/make-union.js";
import { schemaKey } from "../ir/schema-key.js";
import { isQueryParam, paramText, whyNotQuery, type Resolve } from "../ir/scalar.js";
import { byLocation } from "../ir/sort.js";
import type { ContextIR, Param, Schema, SourceLocation } from "../ir/types.js";

/** A context while linking: where it is defined and what was found to belong to it. */
export interface ContextEntry {
  name: string;
  location: SourceLocation;
  viewUrls: string[];
  functions: FunctionDraft[];
  pageRoutes: string[];
}

export function contextIR(entry: ContextEntry, options: MizanOptions, resolve: Resolve, report: (d: Diagnostic) => void): ContextIR {
  const params = new Map<string, Param>();
  const required = new Set<string>();
  // Parameters some function declares without `?`: a missing value still goes through the schema (its default).
  const validatedWhenMissing = new Set<string>();
  const firstAt = new Map<string, { location: SourceLocation; fn: string }>();
  for (const fn of [...entry.functions].sort(byLocation)) {
    for (const param of fn.params) {
      const location = fn.paramLocations[param.name]!;
      if (!isQueryParam(param.schema, resolve)) {
        if (!fn.unreadable.has(param.name)) report(diagnostic("MZ2002", "contextParam", location, param.name, entry.name, paramText(param.schema, resolve), whyNotQuery(param.name, param.schema, resolve)));
        continue;
      }
      const seen = params.get(param.name);
      const differs = seen && (wireKey(seen.schema, resolve) !== wireKey(param.schema, resolve) ? "otherType" : !sameValidator(seen, param) ? "otherSchema" : undefined);
      if (differs) {
        const first = firstAt.get(param.name)!;
        const [here, there] = differs === "otherType" ? typeTexts(param.schema, seen!.schema, resolve) : [validatorText(param), validatorText(seen!)];
        report({
          ...diagnostic("MZ2003", differs, location, param.name, entry.name, here, there, first.fn),
          related: { message: message("MZ2003", "first", param.name, first.fn), location: first.location },
        });
        continue;
      }
      if (!seen) {
        params.set(param.name, { ...param, optional: true });
        firstAt.set(param.name, { location, fn: fn.name });
      } else if (readonlyArray(seen.schema, resolve) && !readonlyArray(param.schema, resolve)) {
        // One query value serves every function: a mutable array may be passed where a readonly one is declared, not the other way round.
        params.set(param.name, { ...seen, schema: param.schema });
      }
      if (!param.optional) required.add(param.name);
      if (param.validator && !param.validator.declaredOptional) validatedWhenMissing.add(param.name);
    }
  }
  const merged = [...params.values()]
    .map(({ validator, ...p }): Param => {
      const optional = !required.has(p.name);
      // A missing value skips the schema only when every function of the bundle declares the parameter optional.
      const declaredOptional = !validatedWhenMissing.has(p.name);
      return { ...p, optional, ...(validator ? { validator: { ...validator, declaredOptional } } : {}) };
    })
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

/** A readonly array or tuple, written out or named (`type Ids = readonly number[]`). */
function readonlyArray(schema: Schema, resolve: Resolve): boolean {
  if (schema.kind === "ref") {
    const target = resolve(schema.name);
    return target !== undefined && readonlyArray(target, resolve);
  }
  return (schema.kind === "array" || schema.kind === "tuple") && schema.readonly === true;
}

/**
 * A query parameter's type as the query carries it, its named types written
 * out: `Sort` in one function and `"asc" | "desc"` in another are one
 * parameter (an enum among them is cast to where it is declared).
 */
function wireKey(schema: Schema, resolve: Resolve): string {
  const written = (s: Schema, seen: ReadonlySet<string>): Schema => {
    if (s.kind === "ref") {
      const definition = resolve(s.name);
      return seen.has(s.name) || definition === undefined ? s : written(definition, new Set([...seen, s.name]));
    }
    if (s.kind === "union") return makeUnion(s.members.map((m) => written(m, seen)));
    if (s.kind === "array") return { ...s, element: written(s.element, seen) };
    return s;
  };
  return schemaKey(written(schema, new Set()));
}

/** The schema value that validates a parameter, as MZ2003 names it. */
function validatorText(p: Param): string {
  return p.validator ? `\`${[p.validator.exportName, ...p.validator.path].join(".")}\`` : "no schema";
}

/** Both parameters validated by the same schema value, or neither. */
function sameValidator(a: Param, b: Param): boolean {
  const key = (p: Param) => p.validator && [p.validator.module, p.validator.exportName, ...p.validator.path].join("\u0000");
  return key(a) === key(b);
}

/** Two different types as a message shows them: named types of the same name are told apart by their files, as TypeScript prints them (`import("src/a.ts").Kind`). */
function typeTexts(here: Schema, there: Schema, resolve: Resolve): [string, string] {
  const texts: [string, string] = [paramText(here, resolve), paramText(there, resolve)];
  if (texts[0] !== texts[1]) return texts;
  const qualified: Resolve = Object.assign((id: string) => resolve(id), {
    nameOf: (id: string) => {
      const file = keyFile(id);
      return file === undefined ? resolve.nameOf(id) : `import("${file}").${resolve.nameOf(id)}`;
    },
  });
  return [paramText(here, qualified), paramText(there, qualified)];
}
