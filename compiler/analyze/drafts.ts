// What the analysis of the source files hands the link pass: one draft per
// `@client` method and one definition per `defineContext` call, as read from
// the source and not yet checked against each other. The IR (compiler/ir)
// never refers to these.
import type { HttpMethod } from "../../runtime/index.js";
import type { Param, Schema, SourceLocation } from "../ir/types.js";

/** One `@client` method: where it is, its options and its signature. */
export interface FunctionDraft extends Signature {
  name: string;
  module: string;
  specifier: string | null;
  exportName: string;
  importName: string;
  options: DecoratorOptions;
  location: SourceLocation;
}


/** A method's wire signature. */
export interface Signature {
  takesReq: boolean;
  /** The injected parameter is an `AuthedReq`: the function requires a user. */
  userRequired: boolean;
  params: Param[];
  /** Where each wire parameter is declared, for later diagnostics. */
  paramLocations: Record<string, SourceLocation>;
  /** The wire parameters whose type could not be read (already reported): no later check reports them again. */
  unreadable: Set<string>;
  result: Schema;
}

export interface DecoratorOptions {
  context: NameRef | null;
  affects: NameRef[];
  private: boolean;
  /** null when not declared: the handler's `requireUser` applies. */
  requireUser: boolean | null;
  route: { value: string; location: SourceLocation } | null;
  methods: { value: HttpMethod[]; location: SourceLocation } | null;
  /** `scopeBy`: the parameter names that may scope the targets, each where it is written; null when not declared. */
  scopeBy: { name: string; location: SourceLocation }[] | null;
}

/** A context or function named in the options: by handle (always a context) or by string. */
export interface NameRef {
  name: string;
  byHandle: boolean;
  location: SourceLocation;
}

/** A `defineContext(name, { viewUrls })` call. */
export interface ContextDefinition {
  name: string;
  viewUrls: { value: string; location: SourceLocation }[];
  location: SourceLocation;
}

/** The methods a function answers: its `methods`, else GET for a context read and POST otherwise. */
export function methodsOf(draft: FunctionDraft): HttpMethod[] {
  return draft.options.methods?.value ?? [draft.options.context ? "GET" : "POST"];
}
