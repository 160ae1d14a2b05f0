// The types the generated stubs and the hooks are written against.
import type { ErrorCode, ErrorIssue } from "../protocol/errors.js";
import type { ParamValue } from "../protocol/targets.js";

/** What a context's params may hold on the wire (arrays become repeated keys). */
export type ParamsShape = Record<string, ParamValue | readonly ParamValue[] | undefined>;

export interface EndpointOptions {
  /** Prefix for every URL, e.g. `https://api.example.com` when the API is on another host. Default: none (same origin). */
  origin?: string;
  /** A fetch to use instead of the global one (SSR, tests, instrumentation). */
  fetch?: typeof fetch;
  /** Extra request headers; a function is called per request (tokens that rotate). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /**
   * `credentials` of every request, e.g. `"include"` for cookies on a separate API host.
   * Spelled out rather than the DOM's `RequestCredentials`, which a server project
   * without the DOM lib (client.ts is compiled there too) does not have.
   */
  credentials?: "include" | "omit" | "same-origin";
}

export interface Endpoint {
  /** Identity of the endpoint inside registry keys. */
  readonly id: number;
  readonly basePath: string;
  /** Merged over the `configure()` defaults at every request. */
  options: EndpointOptions;
  /** POSTs named args to `fn`, applies the response's invalidation, resolves with the result. */
  call<Result>(fn: string, args: Record<string, unknown>): Promise<Result>;
  context<Params, Data>(name: string): ContextRef<Params, Data>;
}

/** A typed handle on a context: its wire name and endpoint. */
export interface ContextRef<Params, Data> {
  readonly name: string;
  readonly endpoint: Endpoint;
  /** Phantom: carries the types only, never set at run time. */
  readonly "~types"?: { params: Params; data: Data };
}

/** Params come last and are optional when the context has no required param. */
export type ContextArgs<Params, Options> = {} extends Params
  ? [params?: Params, options?: Options]
  : [params: Params, options?: Options];

/**
 * A context instance's state. `status` tells what `data` and `error` hold, so
 * that `if (state.status === "success") state.data.…` type-checks.
 */
export type ContextState<Data> = ContextFetch &
  (
    | {
        /** No answer yet. */
        readonly status: "pending";
        readonly data: undefined;
        readonly error: null;
      }
    | {
        /** The last fetch succeeded: `data` is its answer. */
        readonly status: "success";
        readonly data: Data;
        readonly error: null;
      }
    | {
        /** The last fetch failed; `data` is the last good data, kept through a failed refetch, if there was one. */
        readonly status: "error";
        readonly data: Data | undefined;
        /** A MizanResponseError for an error answer, else the fetch's own error. */
        readonly error: Error;
      }
  );

/** What a context instance's state says of its fetches, whatever their outcome. */
export interface ContextFetch {
  /** Fetching with no data yet. */
  readonly isLoading: boolean;
  /** Any fetch under way, refetches included. */
  readonly isFetching: boolean;
  /** `Date.now()` of the last success; 0 before one. */
  readonly updatedAt: number;
}

export interface ErrorInfo {
  code: ErrorCode | "http_error";
  message: string;
  issues?: ErrorIssue[];
}
