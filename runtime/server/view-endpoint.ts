// A view path: the function runs with its route params and query as
// arguments. A Response it returns is passed through untouched but for the
// invalidation header; any other result is sent as canonical JSON.
import { canonicalJson, formatNormalTargets, INVALIDATE_HEADER, type Target } from "../protocol/index.js";
import { parseWith } from "./errors.js";
import type { Incoming } from "./incoming.js";
import { settleInvalidation } from "./mutation.js";
import { serverFault } from "./faults.js";
import type { Runtime } from "./runtime.js";
import { checkOrigin } from "./origin.js";
import { JSON_TYPE, type Outgoing } from "./outgoing.js";
import { checkQueryEncoding, readQuery } from "./query.js";
import { makeReq } from "./req.js";
import { notExpired } from "./cancellation.js";
import { checkUser } from "./limits.js";
import type { ViewMatch } from "./view-paths.js";

export async function serveView<User>(runtime: Runtime<User>, incoming: Incoming, match: ViewMatch): Promise<Outgoing> {
  const { name, entry } = match.route;
  // A browser form can POST cross-site to any URL: unsafe methods on a view
  // path follow the call Origin rule. The body is the function's to read.
  if (incoming.method !== "GET" && incoming.method !== "HEAD") checkOrigin(incoming, runtime.allowedOrigins);
  const user = runtime.authenticate === undefined ? null : await runtime.authenticate(incoming, name);
  // Before the parameters, as for a call: an app's schema runs for callers the function admits only.
  checkUser(runtime.limits, entry, user, name);
  checkQueryEncoding(incoming.url.search);
  const raw = Object.assign(readQuery(incoming.url.searchParams), match.params);
  const parsed = entry.args === undefined ? raw : parseWith(entry.args, raw, "route parameters");
  // Awaited only when an app's schema made the parse asynchronous: an await costs the request a turn.
  const args = parsed instanceof Promise ? await parsed : parsed;
  // The 503 went out while authenticate, the body or a schema ran: a function not started is not started late.
  notExpired(incoming);
  let result: unknown;
  try {
    result = await entry.run(makeReq(user, incoming), args);
  } catch (error) {
    throw serverFault(error, "run", name);
  }
  const targets = await settleInvalidation(runtime, entry, name, args, user, "view", incoming.request, incoming);
  const headers = headerTransport(targets);
  if (result instanceof Response) return { status: result.status, headers, body: null, passthrough: result };
  headers["content-type"] = JSON_TYPE;
  // The function chose not to shape its response: nothing may cache it.
  headers["cache-control"] = "no-store";
  return { status: 200, headers, body: canonicalJson(result ?? null, entry.result ?? null) };
}

function headerTransport(targets: readonly Target[]): Record<string, string> {
  return targets.length > 0 ? { [INVALIDATE_HEADER.toLowerCase()]: formatNormalTargets(targets) } : {};
}
