// toNodeListener: serves a Fetch handler from node:http. A handler made by
// createHandler is entered directly (no Request unless a function or hook
// reads one, the response written without building a Response); any other
// Fetch handler goes through real Request and Response objects.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { errorOutgoing, internalOutgoing, MizanHttpError } from "./errors.js";
import { HANDLE, type Handle } from "./handler.js";
import { bodyTimedOut, ClientGone, concat, type BodyRead, type Incoming } from "./incoming.js";
import { Cancellation, clientLeft } from "./cancellation.js";
import { isNullBodyStatus, type Outgoing } from "./outgoing.js";
import { NodeHeaders } from "./node-headers.js";
import { requestHead } from "./request-head.js";
import { requestTarget, type RequestTarget } from "./request-target.js";
import { spentBody } from "./spent-body.js";

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

export function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  const handle = (handler as { [HANDLE]?: Handle })[HANDLE];
  const serve: NodeListener = (req, res) => {
    let work: Promise<unknown> | void;
    try {
      work = handle !== undefined ? serveDirect(handle, req, res) : serveFetch(handler, req, res);
    } catch (error) {
      failed(res, error);
      return;
    }
    if (work !== undefined) work.catch((error: unknown) => failed(res, error));
  };
  return (req, res) => {
    // RFC 9112 §9.3.2: pipelined requests may be served at once only when all
    // are safe. node:http hands over the next request on a connection while the
    // one before is still being served: a read sent after a mutation on the
    // same connection waits for the mutation's answer (its purges done), or
    // it could be answered from a cache the mutation is about to purge.
    const connection = req.socket as (Socket & { [UNSAFE]?: ServerResponse }) | null;
    if (connection === null) return serve(req, res);
    const before = connection[UNSAFE];
    if (!SAFE.has(req.method ?? "GET")) connection[UNSAFE] = res;
    if (before === undefined || before.writableFinished || before.destroyed) serve(req, res);
    else afterAnswer(before, () => serve(req, res));
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);
/** On a connection: the response to its last unsafe request. */
const UNSAFE = Symbol("mizan.unsafeRequest");

/** Runs `next` once `res` is written out, or its connection gone. */
function afterAnswer(res: ServerResponse, next: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    res.off("finish", once).off("close", once);
    next();
  };
  res.once("finish", once).once("close", once);
}

/** Only a broken connection or a failing passthrough body stream gets here. */
function failed(res: ServerResponse, error: unknown): void {
  if (!res.headersSent) writeOutgoing(res, internalOutgoing(), false);
  else res.destroy(error instanceof Error ? error : undefined);
}

/** Not async: an answer the handler made in this turn (a memory-cache hit) is written in it. */
function serveDirect(handle: Handle, req: IncomingMessage, res: ServerResponse): Promise<unknown> | void {
  const target = targetOf(req);
  if (target === undefined) {
    writeOutgoing(res, errorOutgoing(new MizanHttpError("bad_request", "the request target or Host is not a valid URL")), false);
    return;
  }
  const incoming = new NodeIncoming(req, res, target);
  const out = handle(incoming);
  // Only a passthrough body streams; everything else is written in the turn its answer is ready.
  if (!(out instanceof Promise)) return writeOutgoing(res, out, req.method === "HEAD");
  const send = (ready: Outgoing) => writeOutgoing(res, ready, req.method === "HEAD");
  return handle.deliver === undefined ? out.then(send) : handle.deliver(incoming, out, send);
}

async function serveFetch(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const target = targetOf(req);
  if (target === undefined) {
    writeOutgoing(res, errorOutgoing(new MizanHttpError("bad_request", "the request target or Host is not a valid URL")), false);
    return;
  }
  const response = await handler(toRequest(req, urlOf(req, target)));
  await writeResponse(res, response, {}, req.method === "HEAD");
}

function schemeOf(req: IncomingMessage): string {
  return (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
}

/**
 * The request target as the client sent it. Express (and NestJS on it)
 * strips the mount path from `req.url` inside `app.use("/api/mizan", …)` and
 * keeps the whole in `originalUrl`; the route table's basePath is matched
 * against the whole.
 */
function pathOf(req: IncomingMessage): string {
  const original = (req as { originalUrl?: unknown }).originalUrl;
  return typeof original === "string" ? original : (req.url ?? "/");
}

function targetOf(req: IncomingMessage): RequestTarget | undefined {
  // node:http keeps the first of several Host lines; RFC 9112 §3.2 makes such a request a 400, and
  // an HTTP/1.1 one with none (which node:http refuses itself unless `requireHostHeader: false`).
  const lines = hostLines(req.rawHeaders);
  if (lines > 1 || (lines === 0 && req.httpVersion === "1.1")) return undefined;
  return requestTarget(pathOf(req), schemeOf(req), req.headers.host ?? "localhost");
}

function hostLines(raw: readonly string[]): number {
  let lines = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && (name === "Host" || name === "host" || name.toLowerCase() === "host")) lines++;
  }
  return lines;
}

/** The URL of a target requestTarget accepted (a plain one always parses). */
function urlOf(req: IncomingMessage, target: RequestTarget): URL {
  return target instanceof URL ? target : new URL(`${schemeOf(req)}://${req.headers.host ?? "localhost"}${pathOf(req)}`);
}

/** One object of one shape per request, its methods on the prototype: no closures to allocate. */
class NodeIncoming implements Incoming {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  routed: string | undefined = undefined;
  #url: URL | undefined;
  #built: Request | undefined;
  #cancellation: Cancellation | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    target: RequestTarget,
  ) {
    this.method = req.method ?? "GET";
    if (target instanceof URL) {
      this.#url = target;
      this.path = target.pathname;
      this.search = target.search;
    } else {
      this.path = target.path;
      this.search = target.search;
    }
  }

  get hostless(): boolean {
    return this.req.headers.host === undefined && pathOf(this.req).startsWith("/");
  }

  /** Parsed on first use: most requests never need more than the path and query. */
  get url(): URL {
    return (this.#url ??= urlOf(this.req, this));
  }

  header(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  readBody(limit: number, timeout: number): Promise<BodyRead> {
    return readNodeBody(this.req, limit, timeout);
  }

  bufferedBody(limit: number): BodyRead | undefined {
    return bufferedNodeBody(this.req, limit);
  }

  /** An arrow property: endpoints pass `incoming.request` on unbound. */
  readonly request = (): Request => (this.#built ??= toRequest(this.req, this.url));

  /**
   * A response is written in the turn its answer is ready, and setImmediate
   * runs after that turn: a miss's entry is stored once the response is on
   * its way (about 5 % of a miss's latency over HTTP).
   */
  afterAnswer(task: () => void): void {
    setImmediate(task);
  }

  cancelled(): boolean {
    return this.#cancellation?.cancelled ?? false;
  }

  left(): boolean {
    return clientGone(this.res);
  }

  /** Made on first use: a request whose signal nobody reads adds no listener. */
  get cancellation(): Cancellation {
    return (this.#cancellation ??= new Cancellation((cancel) => watchClient(this.res, cancel)));
  }

  requestHead(): Request {
    return this.#built ?? requestHead(this.method, () => this.url.href, () => new NodeHeaders(this.req.rawHeaders), this.request);
  }
}

/** Whether the connection closed before the answer was written. */
function clientGone(res: ServerResponse): boolean {
  return !res.writableFinished && (res.socket === null || res.socket.destroyed);
}

/** Cancels when the connection closes before the answer has been written. */
function watchClient(res: ServerResponse, cancel: (reason: unknown) => void): void {
  if (res.writableFinished) return;
  if (clientGone(res)) cancel(clientLeft());
  else res.once("close", () => res.writableFinished || cancel(clientLeft()));
}

async function readNodeBody(req: IncomingMessage, limit: number, timeout: number): Promise<BodyRead> {
  // A small body usually came in the packets that carried the headers. The
  // endpoint asks for it while the parser is still inside those packets
  // (the request event fires at the end of the headers); one microtask later
  // it has pushed the body, and bufferedNodeBody takes it.
  await undefined;
  return bufferedNodeBody(req, limit) ?? readNodeStream(req, limit, timeout);
}

/**
 * A body another middleware read, or one whose declared length is all in
 * the stream's buffer, taken in one synchronous read: no listeners, no
 * timer. undefined when it has to be read as it comes.
 */
function bufferedNodeBody(req: IncomingMessage, limit: number): BodyRead | undefined {
  const spent = spentBody(req);
  if (spent !== undefined) {
    if (spent.bytes === undefined) throw new MizanHttpError("bad_request", spent.why);
    return spent.bytes.byteLength > limit ? { ok: false } : { ok: true, bytes: spent.bytes };
  }
  const declared = req.headers["content-length"];
  const length = declared === undefined || req.headers["transfer-encoding"] !== undefined ? -1 : Number(declared);
  if (length > 0 && length <= limit && req.readableFlowing === null && req.readableLength === length) {
    const chunk = req.read(length) as Buffer | null;
    if (chunk !== null) {
      // Let the stream reach its end (nothing is left to read), as a consumer would.
      req.resume();
      return { ok: true, bytes: chunk };
    }
  }
  return undefined;
}

function readNodeStream(req: IncomingMessage, limit: number, timeout: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      reject(bodyTimedOut(timeout));
    }, timeout);
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        drain(req, timeout);
        resolve({ ok: false });
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, bytes: concat(chunks, size) });
    };
    // A reset or a socket closed before the end: the client left (Node emits
    // "error" with ECONNRESET, or only "close" once the request is destroyed).
    const onError = (error: Error): void => {
      cleanup();
      reject(new ClientGone(error));
    };
    const onClose = (): void => onError(new Error("the connection closed before the body ended"));
    const cleanup = (): void => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * Reads and drops the rest of a body past the limit, so that the connection
 * can still carry the 413; a client still sending it after the body timeout
 * (a trickle that would hold the socket until Node's own request timeout) is
 * cut off.
 */
function drain(req: IncomingMessage, timeout: number): void {
  const timer = setTimeout(() => req.destroy(), timeout);
  const done = (): void => clearTimeout(timer);
  req.once("end", done).once("close", done);
  req.resume();
}

function nodeHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function toRequest(req: IncomingMessage, url: URL): Request {
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
  } as RequestInit);
}

/** The body as a web stream whose cancel drains instead of destroying the socket. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
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

function writeOutgoing(res: ServerResponse, out: Outgoing, head: boolean): Promise<void> | void {
  if (out.passthrough !== undefined) return writeResponse(res, out.passthrough, out.headers, head);
  if (out.body !== null && !isNullBodyStatus(out.status)) {
    const length = typeof out.body === "string" ? Buffer.byteLength(out.body) : out.body.byteLength;
    res.writeHead(out.status, headerList(out.headers, String(length)));
    res.end(head ? undefined : out.body);
  } else {
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
function headerList(headers: Readonly<Record<string, string>>, contentLength: string | undefined): string[] {
  const names = Object.keys(headers);
  const list: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name !== "content-length") list.push(name, headers[name]!);
  }
  if (contentLength !== undefined) list.push("content-length", contentLength);
  return list;
}

async function writeResponse(
  res: ServerResponse,
  response: Response,
  added: Readonly<Record<string, string>>,
  head: boolean,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  Object.assign(headers, added);
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (head || response.body === null) {
    res.end();
    await response.body?.cancel();
    return;
  }
  const source = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  // The head goes out with the first chunk, in one write, or alone when that
  // chunk is not there by the next turn: a stream (server-sent events) may send it much later.
  const early = setImmediate(() => res.flushHeaders());
  source.once("data", () => clearImmediate(early));
  try {
    await pipeline(source, res);
  } finally {
    clearImmediate(early);
  }
}
