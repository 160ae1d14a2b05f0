// The route table mizan-gen writes to `routes.ts` and createHandler serves.
// Generated code declares `const table = { ... } satisfies RouteTable` and exports it
// as `routes: Routes`, an interface it writes out of TypedRead and TypedCall.
import type { z } from "zod";
import type { HttpMethod, Req } from "../index.js";
import type { RenderStrategy, ResultShape } from "../protocol/index.js";
import type { PROTOCOL_VERSION } from "../protocol/names.js";

/** One invalidation a mutation emits; `scope` names its arguments that scope the target. */
export interface InvalidationPlan {
  readonly context: string;
  readonly fn?: string;
  readonly scope: readonly string[];
}

export interface RouteContext {
  /** The functions whose results make up the bundle, sorted. */
  readonly functions: readonly string[];
  /** Reads the query (`{name: string | string[]}`) into typed parameters; rejects unknown names. */
  readonly query: z.ZodType;
  readonly renderStrategy: RenderStrategy;
  readonly userScoped: boolean;
}

export interface RouteFunction {
  /** The context whose bundle this read belongs to; null for mutations and view paths. */
  readonly context: string | null;
  readonly private: boolean;
  /** A view path (`/billing/:userId/`) served outside the base path, or null. */
  readonly route: string | null;
  readonly methods: readonly HttpMethod[];
  /**
   * The arguments: a JSON body for `/call/`, or for a view path the route
   * params and query read like context params. Absent for context reads,
   * which take their context's `query`.
   */
  readonly args?: z.ZodType;
  readonly invalidates: readonly InvalidationPlan[];
  /** `@client({ requireUser })`: absent when not declared, and the handler's `requireUser` applies. */
  readonly requireUser?: boolean;
  /**
   * What of the result its declared type lets through: keys it does not
   * declare are not sent. Absent (a scalar or `unknown` result, or a table
   * written by hand): the result is sent whole.
   */
  readonly result?: ResultShape;
  /** Calls the user's method with validated arguments. */
  readonly run: (req: Req<any>, args: any) => unknown;
}

export interface RouteTable {
  readonly version: typeof PROTOCOL_VERSION;
  readonly basePath: string;
  readonly contexts: Readonly<Record<string, RouteContext>>;
  readonly functions: Readonly<Record<string, RouteFunction>>;
}

/**
 * A function of a generated table as its `Routes` interface declares it:
 * what its method returns (`ReturnType<typeof Api.method>`). Written out
 * rather than inferred from the table, so that a declaration file has
 * nothing to infer (isolatedDeclarations) and names no zod type.
 */
export interface TypedRead<Result> extends RouteFunction {
  readonly run: (req: Req<any>, args: any) => Result;
}

/** A function called with arguments of its own: also what a caller sends (its schema's input), which `invoke` takes. */
export interface TypedCall<Args, Result> extends TypedRead<Result> {
  readonly args: z.ZodType<unknown, Args>;
}
