// GET {base}/ctx/{context}/ (PROTOCOL §3): every function of the context
// run with the query's typed parameters, answered as one canonical JSON
// bundle with a strong ETag and the caching headers of its render strategy.
import { canonicalJson, type ResultShape } from "../protocol/index.js";
import { MizanHttpError } from "./errors.js";
import { noneMatch, strongEtag } from "./etag.js";
import type { Incoming } from "./incoming.js";
import { serverFault } from "./faults.js";
import type { Runtime } from "./runtime.js";
import { JSON_TYPE, type Outgoing } from "./outgoing.js";
import { contextResponse } from "./origin-cache.js";
import { contextParams } from "./query.js";
import { makeReq } from "./req.js";
import { NEVER_ABORTS, notExpired } from "./cancellation.js";
import { checkContextUser } from "./limits.js";
import type { Req } from "../index.js";
import type { EncodedResponse, StoredResponse } from "../cache/store.js";
import type { RouteContext } from "./routes.js";

const CONTEXT_METHODS = "GET, HEAD";
const PRIVATE_CACHE = "private, no-cache";
// A dynamic context's body depends on who asks: a cache must key it by identity.
const PRIVATE_VARY = "Authorization, Cookie";

/**
 * Every function of the context, run side by side, as one canonical JSON
 * bundle. What user code throws or rejects with, or a result canonical JSON
 * refuses, is a fault of phase "run".
 */
async function runBundle(runtime: Runtime<unknown>, name: string, members: readonly string[], req: Req<unknown>, params: unknown): Promise<string> {
  try {
    const results = await Promise.all(runAll(runtime, members, req, params));
    const bundle: Record<string, unknown> = {};
    // A void result is null, so every function keeps its key in the bundle.
    for (let i = 0; i < members.length; i++) bundle[members[i]!] = results[i] ?? null;
    return canonicalJson(bundle, bundleShape(runtime, members));
  } catch (error) {
    throw serverFault(error, "run", name);
  }
}

/** Starts every function of the context: no closure per request, as `members.map` would make. */
function runAll(runtime: Runtime<unknown>, members: readonly string[], req: Req<unknown>, params: unknown): unknown[] {
  const functions = runtime.routes.functions;
  const running: unknown[] = new Array(members.length);
  for (let i = 0; i < members.length; i++) running[i] = functions[members[i]!]!.run(req, params);
  return running;
}

// A context's bundle shape: each function's result shape under its name; null when none has one.
const bundleShapes = new WeakMap<readonly string[], ResultShape | null>();

function bundleShape(runtime: Runtime<unknown>, members: readonly string[]): ResultShape | null {
  let shape = bundleShapes.get(members);
  if (shape === undefined) {
    const keys: Record<string, ResultShape | null> = {};
    for (const member of members) keys[member] = runtime.routes.functions[member]!.result ?? null;
    shape = Object.values(keys).some((k) => k !== null) ? { keys } : null;
    bundleShapes.set(members, shape);
  }
  return shape;
}

/**
 * GET {base}/ctx/{name}/. Not async: with a synchronous authenticate (or
 * none) a memory-cache hit is answered in this turn, without a promise.
 */
export function serveContext<User>(runtime: Runtime<User>, incoming: Incoming, name: string): Outgoing | Promise<Outgoing> {
  if (incoming.method !== "GET" && incoming.method !== "HEAD") {
    throw new MizanHttpError("method_not_allowed", "a context is read with GET", { headers: { allow: CONTEXT_METHODS } });
  }
  const context = Object.hasOwn(runtime.routes.contexts, name) ? runtime.routes.contexts[name]! : undefined;
  if (context === undefined) throw new MizanHttpError("not_found", `no context named "${name}"`);
  const publicControl = runtime.publicCacheControl.get(name);
  // A psr context never reads the request, so it is never authenticated.
  const authenticated = publicControl === undefined && runtime.authenticate !== undefined ? runtime.authenticate(incoming, name) : null;
  if (authenticated instanceof Promise) return authenticated.then((user) => withUser(runtime, incoming, name, context, publicControl, user));
  return withUser(runtime, incoming, name, context, publicControl, authenticated);
}

/** The user checked before the query: an app's schema runs for readers the context admits only. */
function withUser<User>(
  runtime: Runtime<User>,
  incoming: Incoming,
  name: string,
  context: RouteContext,
  publicControl: string | undefined,
  user: User | null,
): Outgoing | Promise<Outgoing> {
  if (publicControl === undefined) checkContextUser(runtime.limits, runtime.routes, context.functions, user, name);
  const params = contextParams(context, incoming.search, incoming);
  if (params instanceof Promise) return params.then((settled) => readContext(runtime, incoming, name, context, settled, publicControl, user));
  return readContext(runtime, incoming, name, context, params, publicControl, user);
}

function readContext<User>(
  runtime: Runtime<User>,
  incoming: Incoming,
  name: string,
  context: RouteContext,
  params: Readonly<Record<string, unknown>>,
  publicControl: string | undefined,
  user: User | null,
): Outgoing | Promise<Outgoing> {
  // The 503 went out while authenticate or a schema ran: the functions are not started late.
  notExpired(incoming);
  // Without an origin cache: no build closure, and the answer made in one async function, no `.then` beside it.
  if (runtime.cache === undefined) return readUncached(runtime, incoming, name, context, params, publicControl, user);
  // With an origin cache, a hit answers with the stored response and runs nothing.
  const read = contextResponse(runtime.cache, incoming, name, params, user, async () => {
    // Through an origin cache the read is shared by every reader that joins it: one reader leaving must not stop it.
    const req = makeReq(user, { request: incoming.request, cancellation: NEVER_ABORTS });
    // The functions' own copy: the validated params may be shared (contextParams).
    const bundle = await runBundle(runtime, name, context.functions, req, { ...params });
    return { body: bundle, headers: contextHeaders(bundle, publicControl) };
  });
  return read instanceof Promise ? read.then((response) => answer(incoming, response)) : answer(incoming, read);
}

/** readContext without an origin cache: the functions run for this request alone, with its req.signal. */
async function readUncached<User>(
  runtime: Runtime<User>,
  incoming: Incoming,
  name: string,
  context: RouteContext,
  params: Readonly<Record<string, unknown>>,
  publicControl: string | undefined,
  user: User | null,
): Promise<Outgoing> {
  // The functions' own copy of the params: the validated ones may be shared (contextParams).
  const bundle = await runBundle(runtime, name, context.functions, makeReq(user, incoming), { ...params });
  return answer(incoming, { body: bundle, headers: contextHeaders(bundle, publicControl) });
}

/** A 200's headers: each object whole in its literal (a property added later gives it a second backing store). */
function contextHeaders(bundle: string, publicControl: string | undefined): Record<string, string> {
  const etag = strongEtag(bundle);
  return publicControl === undefined
    ? { etag, "cache-control": PRIVATE_CACHE, vary: PRIVATE_VARY, "content-type": JSON_TYPE }
    : { etag, "cache-control": publicControl, "content-type": JSON_TYPE };
}

/** The 200, or the 304 when If-None-Match names its ETag. */
function answer(incoming: Incoming, response: StoredResponse): Outgoing {
  // The headers go out as they are (a cached entry's own: Outgoing headers are read-only).
  const headers = response.headers;
  if (noneMatch(incoming.header("if-none-match"), headers.etag!)) {
    const { "content-type": _bodyType, ...kept } = headers;
    return { status: 304, headers: kept, body: null };
  }
  // A memory hit carries its body already encoded.
  return { status: 200, headers, body: (response as Partial<EncodedResponse>).bytes ?? response.body };
}
