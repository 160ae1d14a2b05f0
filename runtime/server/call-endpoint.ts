// POST {base}/call/{name}/ (PROTOCOL §3): a JSON object of named arguments
// in; the result and the targets out, the same targets in the header.
import { z } from "zod";
import { canonicalJson, contextPath, formatNormalTargets, INVALIDATE_HEADER, INVALIDATE_KEY, RESULT_KEY, type ResultShape, type Target } from "../protocol/index.js";
import { checkJsonType, readJsonObject } from "./body.js";
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
  const body = await readJsonObject(incoming, runtime.bodyLimit, runtime.limits.bodyTimeout, runtime.limits.maxDepth);
  // Without authenticate every user is null: no promise to wait for.
  const authenticated = runtime.authenticate === undefined ? null : runtime.authenticate(incoming, name);
  const user = authenticated instanceof Promise ? await authenticated : authenticated;
  // Before the arguments: an app's schema (an async refinement that queries the database) runs for callers the function admits only.
  checkUser(runtime.limits, entry, user, name);
  const parsed = parseWith(entry.args ?? NO_ARGS, body, "arguments");
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

function callOutgoing(result: unknown, targets: readonly Target[], shape: ResultShape | undefined): Outgoing {
  const body: Record<string, unknown> = { [RESULT_KEY]: result ?? null };
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "cache-control": "no-store" };
  if (targets.length > 0) {
    body[INVALIDATE_KEY] = targets;
    headers[INVALIDATE_HEADER.toLowerCase()] = formatNormalTargets(targets);
  }
  return { status: 200, headers, body: canonicalJson(body, shape === undefined ? null : bodyShape(shape)) };
}

// The call body's shape around a function's result shape, made once per function.
const bodyShapes = new WeakMap<ResultShape, ResultShape>();

function bodyShape(result: ResultShape): ResultShape {
  let shape = bodyShapes.get(result);
  if (shape === undefined) bodyShapes.set(result, (shape = { keys: { [RESULT_KEY]: result, [INVALIDATE_KEY]: null } }));
  return shape;
}
