// Rules for view paths (`route:`): the pattern's shape, its `:name` params
// against the signature, params readable from a URL, and no two view paths
// on the same route and method.
import { methodsOf, type FunctionDraft } from "../analyze/drafts.js";
import { diagnostic, formatLocation, message, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isQueryParam, paramText, whyNotQuery, type Resolve } from "../ir/scalar.js";

const SEGMENT = /^(?::[A-Za-z_$][\w$]*|[A-Za-z0-9._~!$&'()*+,;=@%-]+)$/;

/** `/billing/:userId/` → its `:name` params, or a reason it is not a route. */
export function routeParams(route: string): string[] | string {
  if (!route.startsWith("/")) return "a route starts with `/`";
  const segments = route.split("/").slice(1);
  if (segments.at(-1) === "") segments.pop();
  const params: string[] = [];
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) return `\`${segment || "//"}\` is not a valid segment`;
    if (segment.startsWith(":")) {
      if (params.includes(segment.slice(1))) return `\`${segment}\` appears twice`;
      params.push(segment.slice(1));
    }
  }
  return params;
}

/** The route with every param as `:`, so `/a/:x/` and `/a/:y` compare equal. */
function routeShape(route: string): string {
  return route.replace(/\/+$/, "").replace(/:[A-Za-z_$][\w$]*/g, ":") + "/";
}

export function validateRoutes(
  drafts: readonly FunctionDraft[],
  basePath: string,
  resolve: Resolve,
  report: (d: Diagnostic) => void,
): void {
  const served = new Map<string, FunctionDraft>();
  for (const draft of drafts) {
    const route = draft.options.route;
    if (!route) continue;
    const params = routeParams(route.value);
    if (typeof params === "string") {
      report(diagnostic("MZ4002", "params", route.location, route.value, params));
      continue;
    }
    const shape = routeShape(route.value);
    if (shape === basePath + "/" || shape.startsWith(basePath + "/")) {
      report(diagnostic("MZ4002", "insideBase", route.location, route.value, basePath));
    }
    const names = new Set(draft.params.map((p) => p.name));
    for (const param of params) {
      if (!names.has(param)) {
        report(diagnostic("MZ4001", "unknownParam", route.location, param, draft.name));
      }
    }
    for (const param of draft.params) {
      if (!isQueryParam(param.schema, resolve) && !draft.unreadable.has(param.name)) {
        report(diagnostic("MZ2002", "viewPathParam", draft.paramLocations[param.name]!, param.name, draft.name, paramText(param.schema, resolve), whyNotQuery(param.name, param.schema, resolve)));
      }
    }
    for (const method of methodsOf(draft)) {
      const key = `${method} ${shape}`;
      const other = served.get(key);
      if (other) {
        report({
          ...diagnostic("MZ4003", "taken", route.location, method, route.value, other.name, formatLocation(other.location)),
          related: { message: message("MZ4003", "other", other.name, method, route.value), location: other.options.route?.location ?? other.location },
        });
      } else served.set(key, draft);
    }
  }
}
