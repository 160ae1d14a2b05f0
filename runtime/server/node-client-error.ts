// nodeClientError: node:http's `clientError` listener, for the requests
// node:http refuses itself before any handler sees them (a malformed request
// line, headers over its limit, Content-Length beside Transfer-Encoding, a
// head slower than `headersTimeout`). Without one, node answers with a bare
// status line; with it, in the error shape.
import type { Duplex } from "node:stream";
import { errorOutgoing, MizanHttpError } from "./errors.js";

/** Use as `server.on("clientError", nodeClientError)`. */
export function nodeClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A connection reset, or a response already begun on it (as node:http's own listener checks): nothing can be written.
  const answering = (socket as { _httpMessage?: { _headerSent?: boolean } })._httpMessage?._headerSent === true;
  if (error.code === "ECONNRESET" || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  const [status, refused] = refusal(error.code);
  const { headers, body } = errorOutgoing(refused);
  const bytes = Buffer.from(body as string);
  const head = [`HTTP/1.1 ${status} ${REASONS[status]}`, `content-type: ${headers["content-type"]}`, `cache-control: ${headers["cache-control"]}`];
  socket.end(Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\ncontent-length: ${bytes.byteLength}\r\nconnection: close\r\n\r\n`, "latin1"), bytes]));
}

function refusal(code: string | undefined): [status: number, error: MizanHttpError] {
  // 431 is the status node:http gives, and the one a client or proxy expects; the code stays bad_request.
  if (code === "HPE_HEADER_OVERFLOW") return [431, new MizanHttpError("bad_request", "the request's headers are over the server's limit")];
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, new MizanHttpError("request_timeout", "the request did not arrive in time")];
  return [400, new MizanHttpError("bad_request", "the request is not valid HTTP")];
}

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };
