// createHandler: the Fetch handler `(Request) => Promise<Response>` over a
// generated route table, plus `invoke` for server code (cron jobs, webhooks
// written by hand) that must run a function and emit its invalidation.
import type { z } from "zod";
import type { Principal } from "../index.js";
import { CALL_SEGMENT, CONTEXT_SEGMENT, INVALIDATE_KEY, RESULT_KEY, type Target } from "../protocol/index.js";
import { serveCall } from "./call-endpoint.js";
import { serveContext } from "./context-endpoint.js";
import { edgeHeaders } from "./edge-headers.js";
import { withPurge } from "./edge-purge.js";
import { errorOutgoing, internalOutgoing, MizanHttpError, parseWith } from "./errors.js";
import { ClientGone, fromRequest, type Incoming } from "./incoming.js";
import { settleInvalidation } from "./mutation.js";
import { ServerFault, type ErrorInfo } from "./faults.js";
import type { HandlerOptions } from "./handler-options.js";
import { resolveOptions, type Runtime } from "./runtime.js";
import { toResponse, type Outgoing } from "./outgoing.js";
import { makeReq } from "./req.js";
import type { RouteTable } from "./routes.js";
import { serveView } from "./view-endpoint.js";
import { matchViewRoute } from "./view-paths.js";
import { checkHost } from "./limits.js";
import { Deadlines } from "./deadlines.js";
import { NEVER_ABORTS, timeoutReason } from "./cancellation.js";
import { withoutUndefinedKeys } from "./invoke-args.js";

/** What `invoke` returns: the same two keys as a call's response body. */
export type InvokeResult<Result> = { readonly [K in typeof RESULT_KEY]: Result } & {
  readonly [K in typeof INVALIDATE_KEY]: Target[];
};

export interface InvokeOptions<User = Principal> {
  /** `req.user` for the function. Default null. */
  user?: User | null;
  /** `req.request` for the function; reading it throws when none was given. */
  request?: Request;
  /** `req.signal` for the function. Default: a signal that never aborts (invoke has no timeout). */
  signal?: AbortSignal;
}

type Functions<Routes extends RouteTable> = Routes["functions"];
/**
 * Functions with arguments of their own: everything but context reads. Any
 * name for a table typed only as RouteTable (a `Handler` without its
 * `Routes`), whose arguments are then checked at run time alone.
 */
export type InvokableName<Routes extends RouteTable> = string extends keyof Functions<Routes>
  ? string
  : {
      [N in keyof Functions<Routes>]: Functions<Routes>[N] extends { args: z.ZodType } ? N : never;
    }[keyof Functions<Routes>] &
      string;
/** The schema's input; `unknown` for an entry of an untyped table, whose `args` may be absent. */
type ArgsOf<F> = F extends { args: infer S extends z.ZodType } ? z.input<S> : unknown;
/** Whether a function needs arguments (`{}` does not pass its schema); for a union of names, whether any does. */
type NeedsArgs<Routes extends RouteTable, Name> = Name extends keyof Functions<Routes> ? ({} extends ArgsOf<Functions<Routes>[Name]> ? false : true) : never;
/** invoke's arguments after the name: `args` may be left out only when the function needs none. */
type InvokeRest<Args, User, Needs> = true extends Needs
  ? [args: Args, options?: InvokeOptions<User>]
  : [args?: Args, options?: InvokeOptions<User>];
type ResultOf<F> = F extends { run: (...args: never[]) => infer R } ? Awaited<R> : unknown;

export interface Handler<Routes extends RouteTable = RouteTable, User = Principal> {
  (request: Request): Promise<Response>;
  /**
   * Runs a function from server code: validates `args` with its schema,
   * runs it, awaits the onInvalidate hooks with its targets and returns the
   * result with the targets. Private functions included. Throws a MizanHttpError
   * (bad_request with issues, not_found) for a wrong name or wrong arguments.
   * `args` may be left out when every argument is optional.
   */
  invoke<Name extends InvokableName<Routes>>(
    name: Name,
    ...rest: InvokeRest<ArgsOf<Functions<Routes>[Name]>, User, NeedsArgs<Routes, Name>>
  ): Promise<InvokeResult<ResultOf<Functions<Routes>[Name]>>>;
}

/**
 * toNodeListener finds the endpoint entry here and skips Request/Response
 * objects. A registered symbol: createEdgeHandler offers the same entry
 * without importing the server.
 */
export const HANDLE = Symbol.for("mizan.handle");
/** An Outgoing as it is (a memory-cache hit: nothing to wait for), or a promise of one. */
export type Handle = ((incoming: Incoming) => Outgoing | Promise<Outgoing>) & {
  /** Present when the handler has a timeout: how a pending answer is sent. */
  readonly deliver?: Deliver;
};

/** Sends `pending`'s answer, or the timeout's 503 when that comes first; no promise per request of its own. */
export type Deliver = <R>(incoming: Incoming, pending: Promise<Outgoing>, send: (out: Outgoing) => R) => Promise<R | undefined>;

export function createHandler<Routes extends RouteTable, User = Principal>(
  options: HandlerOptions<Routes, User>,
): Handler<Routes, User> {
  const runtime = withPurge(resolveOptions<User>(options), options.purge, options.edge);
  const decorate =
    options.edge === undefined
      ? undefined
      : edgeHeaders(
          options.edge,
          runtime.basePath,
          (error, incoming) => runtime.reportError(error, { phase: "handler", name: undefined, method: incoming.method, url: incoming.url.href }),
          runtime.purgeClock,
        );
  const handle: Handle =
    decorate === undefined
      ? (incoming) => dispatch(runtime, incoming)
      : (incoming) => {
          // Stamped before it starts: a purge of its contexts while it runs keeps the answer from a CDN.
          const started = runtime.purgeClock?.now();
          const out = dispatch(runtime, incoming);
          return out instanceof Promise ? out.then((done) => decorate(incoming, done, started)) : decorate(incoming, out, started);
        };
  const deliver = deliverer(runtime);
  const handler = async (request: Request): Promise<Response> => {
    const incoming = fromRequest(request);
    const out = handle(incoming);
    const ready = out instanceof Promise && deliver !== undefined ? await new Promise<Outgoing>((sent) => void deliver(incoming, out, sent)) : await out;
    return toResponse(ready, request.method === "HEAD");
  };
  return Object.assign(handler, {
    invoke: (name: string, args?: unknown, invokeOptions?: InvokeOptions<User>) =>
      invoke(runtime, name, args, invokeOptions ?? {}),
    [HANDLE]: deliver === undefined ? handle : Object.assign(handle, { deliver }),
  }) as Handler<Routes, User>;
}

/**
 * The handler's timeout: an answer still pending when it passes is a 503
 * (the work goes on, and a mutation's invalidation still reaches the caches
 * when it ends; only its answer is dropped), the request's signal aborts,
 * and onError hears of it. Undefined when there is no timeout.
 */
function deliverer<User>(runtime: Runtime<User>): Deliver | undefined {
  const timeout = runtime.limits.timeout;
  if (timeout === Infinity) return undefined;
  const deadlines = new Deadlines<Outgoing, Incoming>(timeout, (incoming) => {
    const reason = timeoutReason(timeout);
    incoming.cancellation.cancel(reason);
    // A client that left is not told, and neither is onError (as for an aborted body): nobody waits.
    if (!incoming.left()) runtime.reportError(reason, { phase: "timeout", name: incoming.routed, method: incoming.method, url: incoming.url.href });
    return errorOutgoing(new MizanHttpError("service_unavailable", reason.message));
    // A passed-through Response that came too late: its body (an upstream's stream) is released.
  }, (late) => void late.passthrough?.body?.cancel().catch(() => undefined));
  return (incoming, pending, send) => deadlines.deliver(incoming, pending, send);
}

// Not async: an answer made in this turn (a memory-cache hit) is returned as it is.
function dispatch<User>(runtime: Runtime<User>, incoming: Incoming): Outgoing | Promise<Outgoing> {
  let out: Outgoing | Promise<Outgoing>;
  try {
    out = route(runtime, incoming);
  } catch (error) {
    return failure(runtime, incoming, error);
  }
  return out instanceof Promise ? out.catch((error: unknown) => failure(runtime, incoming, error)) : out;
}

/** The answer to what an endpoint threw; a server fault goes to onError. */
function failure(runtime: Runtime<unknown>, incoming: Incoming, error: unknown): Outgoing {
  if (error instanceof MizanHttpError) return error.code === "internal" ? internalOutgoing() : errorOutgoing(error);
  // Not a server fault: the answer goes nowhere, and onError is not told.
  if (error instanceof ClientGone) return errorOutgoing(new MizanHttpError("bad_request", error.message));
  // Work that stopped because req.signal aborted (the client left, or the timeout's 503 went out): nobody waits for it.
  if (incoming.cancelled() && isAbort(error instanceof ServerFault ? error.cause : error)) return internalOutgoing();
  const fault = error instanceof ServerFault ? error : new ServerFault(error, "handler", undefined);
  const info = { phase: fault.phase, name: fault.name, method: incoming.method, url: incoming.url.href };
  const mapped = mapErrorOf(runtime, fault, info);
  if (mapped !== undefined) return mapped.code === "internal" ? internalOutgoing() : errorOutgoing(mapped);
  runtime.reportError(fault.cause, info);
  return internalOutgoing();
}

/** An abort as fetch, streams and AbortSignal.throwIfAborted throw it; any other error after an abort is still a fault. */
function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "AbortError" || name === "TimeoutError";
}

/** What mapError makes of an error user code threw; a mapError that throws is reported beside it. */
function mapErrorOf(runtime: Runtime<unknown>, fault: ServerFault, info: ErrorInfo): MizanHttpError | undefined {
  if (runtime.mapError === undefined || (fault.phase !== "run" && fault.phase !== "authenticate")) return undefined;
  try {
    const answer = runtime.mapError(fault.cause, info);
    return answer instanceof MizanHttpError ? answer : undefined;
  } catch (error) {
    runtime.reportError(error, { ...info, phase: "handler" });
    return undefined;
  }
}

// dispatch catches what it throws.
function route<User>(runtime: Runtime<User>, incoming: Incoming): Outgoing | Promise<Outgoing> {
  checkHost(runtime.limits, incoming);
  const path = incoming.path;
  const prefix = `${runtime.basePath}/`;
  const underBase = path.startsWith(prefix);
  if (!underBase || runtime.viewsUnderBase) {
    const view = matchViewRoute(runtime.views, path, incoming.method);
    if (view !== undefined) {
      incoming.routed = view.route.name;
      return serveView(runtime, incoming, view);
    }
  }
  if (underBase) {
    // {segment}/{name} with one optional trailing slash, nothing more.
    const start = prefix.length;
    const slash = path.indexOf("/", start);
    if (slash > start) {
      const segment = path.slice(start, slash);
      const end = path.indexOf("/", slash + 1);
      // No further slash, or one that ends the path.
      const rawName = end === -1 ? path.slice(slash + 1) : end === path.length - 1 ? path.slice(slash + 1, end) : "";
      const name = rawName === "" ? undefined : decodeName(rawName);
      if (name !== undefined && (segment === CONTEXT_SEGMENT || segment === CALL_SEGMENT)) {
        incoming.routed = name;
        return segment === CONTEXT_SEGMENT ? serveContext(runtime, incoming, name) : serveCall(runtime, incoming, name);
      }
    }
  } else if (runtime.fallback !== undefined) {
    const fallback = runtime.fallback;
    return Promise.resolve(fallback(incoming.request())).then((response) => ({
      status: response.status,
      headers: {},
      body: null,
      passthrough: response,
    }));
  }
  throw new MizanHttpError("not_found", "no Mizan endpoint at this path");
}

/** A name that is not valid percent-encoding cannot name anything. */
function decodeName(raw: string): string | undefined {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

async function invoke<User>(
  runtime: Runtime<User>,
  name: string,
  args: unknown,
  options: InvokeOptions<User>,
): Promise<InvokeResult<unknown>> {
  const entry = Object.hasOwn(runtime.routes.functions, name) ? runtime.routes.functions[name]! : undefined;
  if (entry === undefined) throw new MizanHttpError("not_found", `no function named "${name}"`);
  if (entry.args === undefined) {
    throw new MizanHttpError("not_found", `"${name}" is a read of the context "${entry.context}": it is served in its bundle`);
  }
  // As a call's body carries them: keys holding undefined left out (invoke-args.ts).
  const parsing = parseWith(entry.args, withoutUndefinedKeys(args ?? {}), "arguments");
  const parsed = parsing instanceof Promise ? await parsing : parsing;
  const user = options.user ?? null;
  // Server code may run anything on its own behalf, but not a function that reads req.user without a check.
  if (user === null && entry.requireUser === true) throw new TypeError(`mizan: ${name} requires a user: pass invoke's user option`);
  const given = options.request;
  const request = (): Request => {
    if (given === undefined) throw new TypeError(`mizan: ${name} read req.request, but invoke was given no request`);
    return given;
  };
  // The caller is server code: the function's own error reaches it as thrown.
  const cancellation = options.signal === undefined ? NEVER_ABORTS : { signal: options.signal };
  const result = await entry.run(makeReq(user, { request, cancellation }), parsed);
  const targets = await settleInvalidation(runtime, entry, name, parsed, user, "invoke", given && request, undefined);
  return { [RESULT_KEY]: result, [INVALIDATE_KEY]: targets } as InvokeResult<unknown>;
}
