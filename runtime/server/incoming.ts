// The request as the endpoints see it. The Fetch entry wraps a Request; the
// node:http entry wraps an IncomingMessage without building a Request unless
// a function or a hook asks for one (a Request costs more than the rest of a
// context read).

import { Cancellation } from "./cancellation.js";
import { MizanHttpError } from "./errors.js";

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false };

/**
 * The client went away before its body arrived (a reset, a closed socket, a
 * failing request stream). Nobody is left to answer and nothing is wrong
 * with the server, so it is not reported to onError: anyone could flood
 * error logs and metrics by aborting uploads.
 */
export class ClientGone extends Error {
  constructor(readonly cause: unknown) {
    super("the client went away before its request body arrived");
  }
}

/** A body slower than the body timeout: 408, and the connection is not kept. */
export function bodyTimedOut(timeout: number): MizanHttpError {
  return new MizanHttpError("request_timeout", `the request body did not arrive within ${timeout} ms`, {
    headers: { connection: "close" },
  });
}

export interface Incoming {
  readonly method: string;
  /** The URL's pathname and search (`"?a=1"`, or `""`), which routing needs; `url` may be parsed only on use. */
  readonly path: string;
  readonly search: string;
  readonly url: URL;
  /** A request header (lowercase name), or null. */
  header(name: string): string | null;
  /**
   * Reads the body, stopping once it passes `limit` bytes (`{ok: false}`);
   * the rest is then drained or cancelled, never buffered. Rejects with a
   * 408 MizanHttpError after `timeout` ms, with ClientGone when the client leaves.
   */
  readBody(limit: number, timeout: number): Promise<BodyRead>;
  /**
   * The body when it is all in already, taken without a promise; undefined
   * when readBody must wait for it (and on entries that cannot tell). Asked
   * one microtask after the request arrived, as readBody itself waits.
   */
  bufferedBody?(limit: number): BodyRead | undefined;
  /** The standard Request, built on first use. */
  request(): Request;
  /** What `authenticate` reads: method, url and headers without building a Request (request-head.ts). */
  requestHead(): Request;
  /** `req.signal`'s source: cancelled when the client leaves or the handler's timeout passes. */
  readonly cancellation: Cancellation;
  /** Whether the client has gone away (its connection closed, its Request aborted). */
  left(): boolean;
  /** Whether `req.signal` has aborted (made and cancelled). */
  cancelled(): boolean;
  /** The view path's function, context or function routing sent the request to (for the timeout's report). */
  routed?: string | undefined;
  /** True when `url`'s host is a stand-in: no `Host` header and a target naming no host (HTTP/1.0). */
  readonly hostless?: boolean;
  /** Runs `task` after the response is written; an entry without it has the origin cache store a miss's entry before answering. */
  readonly afterAnswer?: (task: () => void) => void;
}

export function fromRequest(request: Request): Incoming {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    search: url.search,
    url,
    header: (name) => request.headers.get(name),
    readBody: (limit, timeout) => readStream(request.body, limit, timeout),
    request: () => request,
    requestHead: () => request,
    routed: undefined,
    left: () => request.signal.aborted,
    cancelled() {
      return this.cancellation.cancelled;
    },
    cancellation: new Cancellation((cancel) => {
      const signal = request.signal;
      if (signal.aborted) cancel(signal.reason);
      else signal.addEventListener("abort", () => cancel(signal.reason), { once: true });
    }),
  };
}

async function readStream(body: ReadableStream<Uint8Array> | null, limit: number, timeout: number): Promise<BodyRead> {
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(bodyTimedOut(timeout)), timeout);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = reader.read().catch((error: unknown) => {
        throw new ClientGone(error);
      });
      const { done, value } = await Promise.race([read, late]);
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false };
      }
      chunks.push(value);
    }
  } catch (error) {
    if (!(error instanceof ClientGone)) await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, bytes: concat(chunks, size) };
}

export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
