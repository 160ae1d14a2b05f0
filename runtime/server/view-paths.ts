// View paths (`route: "/billing/:userId/"`): Mizan-owned URLs outside the
// base path. A segment `:name` captures a route parameter; the trailing
// slash is optional. Several functions may share a route with different
// methods.
import type { HttpMethod } from "../index.js";
import { MizanHttpError } from "./errors.js";
import type { RouteFunction } from "./routes.js";

type Segment = { literal: string } | { param: string };

export interface ViewRoute {
  readonly name: string;
  readonly entry: RouteFunction;
  readonly pattern: string;
  readonly segments: readonly Segment[];
}

export interface ViewMatch {
  readonly route: ViewRoute;
  readonly params: Record<string, string>;
}

/** `/a/b/` and `/a/b` → ["a", "b"]; "/" → []. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed === "/" ? [] : trimmed.slice(1).split("/");
}

export function compileViewRoutes(functions: Readonly<Record<string, RouteFunction>>): ViewRoute[] {
  const out: ViewRoute[] = [];
  for (const [name, entry] of Object.entries(functions)) {
    if (entry.route === null) continue;
    if (!entry.route.startsWith("/")) throw new TypeError(`mizan: the route of ${name} ("${entry.route}") must start with "/"`);
    const segments = splitPath(entry.route).map((part): Segment =>
      part.startsWith(":") ? { param: part.slice(1) } : { literal: part },
    );
    out.push({ name, entry, pattern: entry.route, segments });
  }
  return out;
}

function matchOne(route: ViewRoute, parts: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      params[segment.param] = part;
    }
  }
  return params;
}

/** The methods a route answers: its own, plus HEAD wherever GET is. */
export function allowedMethods(methods: readonly HttpMethod[]): string[] {
  return methods.includes("GET") ? [...methods, "HEAD"] : [...methods];
}

/**
 * The view route for this path and method; a MizanHttpError 405 (with Allow)
 * when the path is a view path but not for this method; undefined when the
 * path is none.
 */
export function matchViewRoute(routes: readonly ViewRoute[], path: string, method: string): ViewMatch | undefined {
  if (routes.length === 0) return undefined;
  const parts = splitPath(path);
  const allow = new Set<string>();
  for (const route of routes) {
    const raw = matchOne(route, parts);
    if (raw === undefined) continue;
    const methods = allowedMethods(route.entry.methods);
    if (!methods.includes(method)) {
      for (const m of methods) allow.add(m);
      continue;
    }
    const params: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(raw)) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        throw new MizanHttpError("bad_request", `the route parameter ${name} is not valid percent-encoding`);
      }
    }
    return { route, params };
  }
  if (allow.size === 0) return undefined;
  throw new MizanHttpError("method_not_allowed", "this view path does not answer this method (see Allow)", {
    headers: { allow: [...allow].join(", ") },
  });
}
