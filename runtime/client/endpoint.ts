import { callPath, DEFAULT_BASE_PATH, INVALIDATE_KEY, RESULT_KEY } from "../protocol/names.js";
import { invalidate } from "./invalidate.js";
import { send } from "./transport.js";
import type { Endpoint, EndpointOptions } from "./types.js";

let ids = 0;

/** The runtime side of a generated `client.ts`: `endpoint("/api/mizan")`. */
export function endpoint(basePath: string, options: EndpointOptions = {}): Endpoint {
  const ep: Endpoint = {
    id: ++ids,
    basePath,
    options,
    call: (fn, args) =>
      send(ep, callPath(basePath, fn), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args),
      }, RESULT_KEY).then((body) => {
        invalidate(body[INVALIDATE_KEY] || [], ep);
        return body[RESULT_KEY];
      }),
    context: (name) => ({ name, endpoint: ep }),
  };
  return ep;
}

let fallback: Endpoint | undefined;

/**
 * Calls a server function by name on the default base path, untyped. The
 * generated stubs are the typed way; this is for scripts and tools.
 */
export function call<Result = unknown>(fn: string, args: Record<string, unknown> = {}): Promise<Result> {
  return (fallback ||= endpoint(DEFAULT_BASE_PATH)).call<Result>(fn, args);
}
