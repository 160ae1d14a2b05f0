import { CALL_SEGMENT, CONTEXT_SEGMENT, INVALIDATE_KEY, RESULT_KEY } from "../protocol/index.js";
import { serveCall } from "./call-endpoint.js";
import { serveContext } from "./context-endpoint.js";
import { edgeHeaders } from "./edge-headers.js";
import { withPurge } from "./edge-purge.js";
import { errorOutgoing, internalOutgoing, MizanHttpError, parseWith } from "./errors.js";
import { ClientGone, fromRequest } from "./incoming.js";
import { settleInvalidation } from "./mutation.js";
import { ServerFault } from "./faults.js";
import { resolveOptions } from "./runtime.js";
import { toResponse } from "./outgoing.js";
import { makeReq } from "./req.js";
import { serveView } from "./view-endpoint.js";
import { matchViewRoute } from "./view-paths.js";
import { checkHost } from "./limits.js";
/**
 * toNodeListener finds the endpoint entry here and skips Request/Response
 * objects. A registered symbol: createEdgeHandler offers the same entry
 * without importing the server.
 */
export const HANDLE = Symbol.for("mizan.handle");
export function createHandler(options) {
    const runtime = withPurge(resolveOptions(options), options.purge, options.edge);
    const decorate = options.edge === undefined
        ? undefined
        : edgeHeaders(options.edge, runtime.basePath, (error, incoming) => runtime.reportError(error, { phase: "handler", name: undefined, method: incoming.method, url: incoming.url.href }));
    const handle = decorate === undefined
        ? (incoming) => dispatch(runtime, incoming)
        : (incoming) => {
            const out = dispatch(runtime, incoming);
            return out instanceof Promise ? out.then((done) => decorate(incoming, done)) : decorate(incoming, out);
        };
    const handler = async (request) => toResponse(await handle(fromRequest(request)), request.method === "HEAD");
    return Object.assign(handler, {
        invoke: (name, args, invokeOptions) => invoke(runtime, name, args, invokeOptions ?? {}),
        [HANDLE]: handle,
    });
}
// Not async: an answer made in this turn (a memory-cache hit) is returned as it is.
function dispatch(runtime, incoming) {
    let out;
    try {
        out = route(runtime, incoming);
    }
    catch (error) {
        return failure(runtime, incoming, error);
    }
    return out instanceof Promise ? out.catch((error) => failure(runtime, incoming, error)) : out;
}
/** The answer to what an endpoint threw; a server fault goes to onError. */
function failure(runtime, incoming, error) {
    if (error instanceof MizanHttpError)
        return error.code === "internal" ? internalOutgoing() : errorOutgoing(error);
    // Not a server fault: the answer goes nowhere, and onError is not told.
    if (error instanceof ClientGone)
        return errorOutgoing(new MizanHttpError("bad_request", error.message));
    const fault = error instanceof ServerFault ? error : new ServerFault(error, "handler", undefined);
    runtime.reportError(fault.cause, {
        phase: fault.phase,
        name: fault.name,
        method: incoming.method,
        url: incoming.url.href,
    });
    return internalOutgoing();
}
// dispatch catches what it throws.
function route(runtime, incoming) {
    checkHost(runtime.limits, incoming);
    const path = incoming.path;
    const prefix = `${runtime.basePath}/`;
    const underBase = path.startsWith(prefix);
    if (!underBase || runtime.viewsUnderBase) {
        const view = matchViewRoute(runtime.views, path, incoming.method);
        if (view !== undefined)
            return serveView(runtime, incoming, view);
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
            if (name !== undefined && segment === CONTEXT_SEGMENT)
                return serveContext(runtime, incoming, name);
            if (name !== undefined && segment === CALL_SEGMENT)
                return serveCall(runtime, incoming, name);
        }
    }
    else if (runtime.fallback !== undefined) {
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
function decodeName(raw) {
    if (!raw.includes("%"))
        return raw;
    try {
        return decodeURIComponent(raw);
    }
    catch {
        return undefined;
    }
}
async function invoke(runtime, name, args, options) {
    const entry = Object.hasOwn(runtime.routes.functions, name) ? runtime.routes.functions[name] : undefined;
    if (entry === undefined)
        throw new MizanHttpError("not_found", `no function named "${name}"`);
    if (entry.args === undefined) {
        throw new MizanHttpError("not_found", `"${name}" is a read of the context "${entry.context}": it is served in its bundle`);
    }
    const parsing = parseWith(entry.args, args ?? {}, "arguments");
    const parsed = parsing instanceof Promise ? await parsing : parsing;
    const user = options.user ?? null;
    const given = options.request;
    const request = () => {
        if (given === undefined)
            throw new TypeError(`mizan: ${name} read req.request, but invoke was given no request`);
        return given;
    };
    // The caller is server code: the function's own error reaches it as thrown.
    const result = await entry.run(makeReq(user, request), parsed);
    const targets = await settleInvalidation(runtime, entry, name, parsed, user, "invoke", given && request, undefined);
    return { [RESULT_KEY]: result, [INVALIDATE_KEY]: targets };
}
