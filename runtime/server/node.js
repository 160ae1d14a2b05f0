import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { errorOutgoing, internalOutgoing, MizanHttpError } from "./errors.js";
import { HANDLE } from "./handler.js";
import { bodyTimedOut, ClientGone, concat } from "./incoming.js";
import { isNullBodyStatus } from "./outgoing.js";
import { NodeHeaders } from "./node-headers.js";
import { requestHead } from "./request-head.js";
import { requestTarget } from "./request-target.js";
import { spentBody } from "./spent-body.js";
export function toNodeListener(handler) {
    const handle = handler[HANDLE];
    return (req, res) => {
        let work;
        try {
            work = handle !== undefined ? serveDirect(handle, req, res) : serveFetch(handler, req, res);
        }
        catch (error) {
            failed(res, error);
            return;
        }
        if (work !== undefined)
            work.catch((error) => failed(res, error));
    };
}
/** Only a broken connection or a failing passthrough body stream gets here. */
function failed(res, error) {
    if (!res.headersSent)
        writeOutgoing(res, internalOutgoing(), false);
    else
        res.destroy(error instanceof Error ? error : undefined);
}
/** Not async: an answer the handler made in this turn (a memory-cache hit) is written in it. */
function serveDirect(handle, req, res) {
    const target = targetOf(req);
    if (target === undefined) {
        writeOutgoing(res, errorOutgoing(new MizanHttpError("bad_request", "the request target or Host is not a valid URL")), false);
        return;
    }
    const out = handle(new NodeIncoming(req, target));
    // Only a passthrough body streams; everything else is written in the turn its answer is ready.
    if (out instanceof Promise)
        return out.then((ready) => writeOutgoing(res, ready, req.method === "HEAD"));
    return writeOutgoing(res, out, req.method === "HEAD");
}
async function serveFetch(handler, req, res) {
    const target = targetOf(req);
    if (target === undefined) {
        writeOutgoing(res, errorOutgoing(new MizanHttpError("bad_request", "the request target or Host is not a valid URL")), false);
        return;
    }
    const response = await handler(toRequest(req, urlOf(req, target)));
    await writeResponse(res, response, {}, req.method === "HEAD");
}
function schemeOf(req) {
    return req.socket.encrypted ? "https" : "http";
}
/**
 * The request target as the client sent it. Express (and NestJS on it)
 * strips the mount path from `req.url` inside `app.use("/api/mizan", …)` and
 * keeps the whole in `originalUrl`; the route table's basePath is matched
 * against the whole.
 */
function pathOf(req) {
    const original = req.originalUrl;
    return typeof original === "string" ? original : (req.url ?? "/");
}
function targetOf(req) {
    return requestTarget(pathOf(req), schemeOf(req), req.headers.host ?? "localhost");
}
/** The URL of a target requestTarget accepted (a plain one always parses). */
function urlOf(req, target) {
    return target instanceof URL ? target : new URL(`${schemeOf(req)}://${req.headers.host ?? "localhost"}${pathOf(req)}`);
}
/** One object of one shape per request, its methods on the prototype: no closures to allocate. */
class NodeIncoming {
    req;
    method;
    path;
    search;
    #url;
    #built;
    constructor(req, target) {
        this.req = req;
        this.method = req.method ?? "GET";
        if (target instanceof URL) {
            this.#url = target;
            this.path = target.pathname;
            this.search = target.search;
        }
        else {
            this.path = target.path;
            this.search = target.search;
        }
    }
    /** Parsed on first use: most requests never need more than the path and query. */
    get url() {
        return (this.#url ??= urlOf(this.req, this));
    }
    header(name) {
        const value = this.req.headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    }
    readBody(limit, timeout) {
        return readNodeBody(this.req, limit, timeout);
    }
    /** An arrow property: endpoints pass `incoming.request` on unbound. */
    request = () => (this.#built ??= toRequest(this.req, this.url));
    requestHead() {
        return this.#built ?? requestHead(this.method, () => this.url.href, () => new NodeHeaders(this.req.rawHeaders), this.request);
    }
}
async function readNodeBody(req, limit, timeout) {
    // A small body usually came in the packets that carried the headers. The
    // endpoint asks for it while the parser is still inside those packets
    // (the request event fires at the end of the headers); one microtask later
    // it has pushed the body, and a body whose declared length is all in the
    // stream's buffer is taken in one synchronous read: no listeners, no timer.
    await undefined;
    const spent = spentBody(req);
    if (spent !== undefined) {
        if (spent.bytes === undefined)
            throw new MizanHttpError("bad_request", spent.why);
        return spent.bytes.byteLength > limit ? { ok: false } : { ok: true, bytes: spent.bytes };
    }
    const declared = req.headers["content-length"];
    const length = declared === undefined || req.headers["transfer-encoding"] !== undefined ? -1 : Number(declared);
    if (length > 0 && length <= limit && req.readableFlowing === null && req.readableLength === length) {
        const chunk = req.read(length);
        if (chunk !== null) {
            // Let the stream reach its end (nothing is left to read), as a consumer would.
            req.resume();
            return { ok: true, bytes: chunk };
        }
    }
    return readNodeStream(req, limit, timeout);
}
function readNodeStream(req, limit, timeout) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const timer = setTimeout(() => {
            cleanup();
            reject(bodyTimedOut(timeout));
        }, timeout);
        const onData = (chunk) => {
            size += chunk.byteLength;
            if (size > limit) {
                cleanup();
                // Drain the rest without keeping it, so the connection can still carry the 413.
                req.resume();
                resolve({ ok: false });
            }
            else
                chunks.push(chunk);
        };
        const onEnd = () => {
            cleanup();
            resolve({ ok: true, bytes: concat(chunks, size) });
        };
        // A reset or a socket closed before the end: the client left (Node emits
        // "error" with ECONNRESET, or only "close" once the request is destroyed).
        const onError = (error) => {
            cleanup();
            reject(new ClientGone(error));
        };
        const onClose = () => onError(new Error("the connection closed before the body ended"));
        const cleanup = () => {
            clearTimeout(timer);
            req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
        };
        req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
    });
}
function nodeHeaders(req) {
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2)
        headers.append(raw[i], raw[i + 1]);
    return headers;
}
function toRequest(req, url) {
    const headers = nodeHeaders(req);
    const method = req.method ?? "GET";
    const hasBody = method !== "GET" && method !== "HEAD";
    const spent = hasBody ? spentBody(req) : undefined;
    return new Request(url, {
        method,
        headers,
        // A body another middleware read is what it kept (none when it kept nothing).
        body: !hasBody ? null : spent === undefined ? bodyStream(req) : (spent.bytes ?? null),
        // Node's fetch needs this for a streamed request body.
        ...(hasBody ? { duplex: "half" } : {}),
    });
}
/** The body as a web stream whose cancel drains instead of destroying the socket. */
function bodyStream(req) {
    return new ReadableStream({
        start(controller) {
            req.on("data", (chunk) => {
                controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
                if ((controller.desiredSize ?? 1) <= 0)
                    req.pause();
            });
            req.on("end", () => controller.close());
            req.on("error", (error) => controller.error(error));
        },
        pull() {
            req.resume();
        },
        cancel() {
            req.removeAllListeners("data");
            req.resume();
        },
    });
}
function writeOutgoing(res, out, head) {
    if (out.passthrough !== undefined)
        return writeResponse(res, out.passthrough, out.headers, head);
    if (out.body !== null && !isNullBodyStatus(out.status)) {
        const length = typeof out.body === "string" ? Buffer.byteLength(out.body) : out.body.byteLength;
        res.writeHead(out.status, headerList(out.headers, String(length)));
        res.end(head ? undefined : out.body);
    }
    else {
        res.writeHead(out.status, headerList(out.headers, undefined));
        res.end();
    }
}
/**
 * The headers as node:http's flat [name, value, …] list, with the body's
 * length. writeHead walks an object with for-in and a hasOwn check per name,
 * which costs several µs per response for an object made for that response
 * (every one here); a flat list it reads by index.
 */
function headerList(headers, contentLength) {
    const names = Object.keys(headers);
    const list = [];
    for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (name !== "content-length")
            list.push(name, headers[name]);
    }
    if (contentLength !== undefined)
        list.push("content-length", contentLength);
    return list;
}
async function writeResponse(res, response, added, head) {
    const headers = {};
    response.headers.forEach((value, name) => {
        if (name !== "set-cookie")
            headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0)
        headers["set-cookie"] = cookies;
    Object.assign(headers, added);
    res.writeHead(response.status, response.statusText || undefined, headers);
    if (head || response.body === null) {
        res.end();
        await response.body?.cancel();
        return;
    }
    await pipeline(Readable.fromWeb(response.body), res);
}
