// POST {base}/call/{name}/ (PROTOCOL §3): a JSON object of named arguments
// in; the result and the targets out, the same targets in the header.
import { z } from "zod";
import { canonicalJson, contextPath, formatNormalTargets, INVALIDATE_HEADER, INVALIDATE_KEY, RESULT_KEY, type ResultShape, type Target } from "../protocol/index.js";
import { checkDeclaredLength, checkJsonType, jsonObject } from "./body.js";
import { MizanHttpError, parseWith } from "./errors.js";
import type { Incoming } from "./incoming.js";
import { settleInvalidation } from "./mutation.js";
import { serverFault } from "./faults.js";
import type { Runtime } from "./runtime.js";
import { checkOrigin } from "./origin.js";
import { JSON_TYPE, type Outgoing } from "./outgoing.js";
import { makeReq } from "./req.js";
import { notExpired } from "./cancellation.js";
import { checkUser } from "./limits.js";
import type { RouteFunction } from "./routes.js";

const CALL_METHODS = "POST";
// A function generated without `args` takes none.
const NO_ARGS = z.strictObject({});

export async function serveCall<User>(runtime: Runtime<User>, incoming: Incoming, name: string): Promise<Outgoing> {
  if (incoming.method !== "POST") {
    throw new MizanHttpError("method_not_allowed", "a function is called with POST", { headers: { allow: CALL_METHODS } });
  }
  const entry = callable(runtime, name);
  checkOrigin(incoming, runtime.allowedOrigins);
  checkJsonType(incoming.header("content-type"));
  const limit = runtime.bodyLimit;
  checkDeclaredLength(incoming, limit);
  // One microtask, as readBody waits: node:http has then pushed a body that came
  // with the headers, taken here without a promise (and no async function
  // around the read: none of its own, and one turn instead of two).
  await undefined;
  const read = incoming.bufferedBody?.(limit) ?? (await incoming.readBody(limit, runtime.limits.bodyTimeout));
  const body = jsonObject(read, limit, runtime.limits.maxDepth);
  // Without authenticate every user is null: no promise to wait for.
  const authenticated = runtime.authenticate === undefined ? null : runtime.authenticate(incoming, name);
  const user = authenticated instanceof Promise ? await authenticated : authenticated;
  // Before the arguments: an app's schema (an async refinement that queries the database) runs for callers the function admits only.
  checkUser(runtime.limits, entry, user, name);
  const parsed = parseWith(entry.args ?? NO_ARGS, body, "arguments", read.ok ? read.bytes.byteLength : 0);
  const args = parsed instanceof Promise ? await parsed : parsed;
  // The 503 went out while authenticate, the body or a schema ran: a function not started is not started late.
  notExpired(incoming);
  let result: unknown;
  try {
    result = await entry.run(makeReq(user, incoming), args);
  } catch (error) {
    throw serverFault(error, "run", name);
  }
  const settled = settleInvalidation(runtime, entry, name, args, user, "call", incoming.request, incoming);
  const targets = settled instanceof Promise ? await settled : settled;
  return callOutgoing(result, targets, entry.result);
}

/** The function behind /call/{name}, or the 404/403 that says why there is none. */
function callable(runtime: Runtime<unknown>, name: string): RouteFunction {
  const entry = Object.hasOwn(runtime.routes.functions, name) ? runtime.routes.functions[name]! : undefined;
  if (entry === undefined) throw new MizanHttpError("not_found", `no function named "${name}"`);
  if (entry.context !== null) {
    // A context read is served in its bundle only, so that every read of a
    // context goes through one cacheable URL.
    const url = contextPath(runtime.basePath, entry.context);
    throw new MizanHttpError("not_found", `"${name}" is part of the context "${entry.context}": read it with GET ${url}`);
  }
  if (entry.private) throw new MizanHttpError("forbidden", `"${name}" is private: callable from server code only`);
  if (entry.route !== null) {
    throw new MizanHttpError("not_found", `"${name}" is served at its own route ${entry.route}, not at /call/`);
  }
  return entry;
}

// The call body's keys and the header's name (lowercase, as every Outgoing
// header name) spelled out in the literals below, the types checking them:
// an object literal with computed keys is built slower.
type CallBody = { [K in typeof RESULT_KEY]: unknown } & { [K in typeof INVALIDATE_KEY]?: readonly Target[] };
type InvalidateHeaders = Record<string, string> & { [K in Lowercase<typeof INVALIDATE_HEADER>]: string };

function callOutgoing(result: unknown, targets: readonly Target[], shape: ResultShape | undefined): Outgoing {
  // Each object whole in its literal: a property added later gives it a second backing store.
  if (targets.length === 0) {
    const body: CallBody = { result: result ?? null };
    return { status: 200, headers: { "content-type": JSON_TYPE, "cache-control": "no-store" }, body: canonicalJson(body, bodyShape(shape)) };
  }
  const body: CallBody = { result: result ?? null, invalidate: targets };
  return {
    status: 200,
    headers: { "content-type": JSON_TYPE, "cache-control": "no-store", "x-mizan-invalidate": formatNormalTargets(targets) } satisfies InvalidateHeaders,
    body: canonicalJson(body, bodyShape(shape)),
  };
}

/**
 * Targets as canonicalJson writes them, under a shape that leaves nothing
 * out (every key kept, as without one): a shape's objects remember the order
 * their keys are written in, which a target's and its params' key lists repeat.
 */
const PARAMS_SHAPE: ResultShape = { rest: null };
const TARGETS_SHAPE: ResultShape = { items: { keys: { params: PARAMS_SHAPE }, rest: null } };
// The call body's shape around a function's result shape, made once per function.
const bodyShapes = new WeakMap<ResultShape, ResultShape>();
const VOID_BODY_SHAPE: ResultShape = { keys: { [RESULT_KEY]: null, [INVALIDATE_KEY]: TARGETS_SHAPE } };

function bodyShape(result: ResultShape | undefined): ResultShape {
  if (result === undefined) return VOID_BODY_SHAPE;
  let shape = bodyShapes.get(result);
  if (shape === undefined) bodyShapes.set(result, (shape = { keys: { [RESULT_KEY]: result, [INVALIDATE_KEY]: TARGETS_SHAPE } }));
  return shape;
}
