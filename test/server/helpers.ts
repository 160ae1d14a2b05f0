// Shared by the server tests: a real node:http server on 127.0.0.1, a raw
// HTTP client (for methods, paths and headers fetch would normalise), and the
// error-shape assertion.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as assert from "uvu/assert";
import { z } from "zod";
import type { Req } from "mizan";
import { toNodeListener, type RouteTable } from "mizan/server";
import { ERROR_STATUS, errorBodySchema, type ErrorCode } from "mizan/protocol";

export interface Served {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function serve(handler: (request: Request) => Promise<Response>): Promise<Served> {
  // A large header limit, so that huge query strings reach the handler instead of Node's 431.
  const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** One request exactly as given: method, path bytes and headers are not normalised. */
export function raw(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        method: request.method ?? "GET",
        path: request.path,
        // Node frames a DELETE or OPTIONS body only when told its length.
        headers:
          request.body === undefined || request.headers?.["transfer-encoding"] !== undefined
            ? request.headers
            : { "content-length": Buffer.byteLength(request.body), ...request.headers },
        insecureHTTPParser: true,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

export function closeAgent(): void {
  agent.destroy();
}

/** The PROTOCOL §3 error: its status, the shape, the code and `Cache-Control: no-store`. */
export function assertError(
  response: { status: number; cacheControl: string | null | undefined; body: string },
  code: ErrorCode,
): { code: string; message: string; issues?: unknown[] } {
  assert.is(response.status, ERROR_STATUS[code], `status for ${code}: ${response.body}`);
  assert.is(response.cacheControl, "no-store");
  const parsed = errorBodySchema.safeParse(JSON.parse(response.body));
  assert.ok(parsed.success, `error shape: ${response.body}`);
  assert.is(parsed.data!.error.code, code);
  return parsed.data!.error;
}

export async function fetchError(response: Response, code: ErrorCode) {
  return assertError({ status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.text() }, code);
}

export function rawError(response: RawResponse, code: ErrorCode) {
  return assertError({ status: response.status, cacheControl: response.headers["cache-control"], body: response.body }, code);
}

export const JSON_HEADERS = { "content-type": "application/json" } as const;

/**
 * A route table written by hand: a context `context` whose one function
 * `read` runs `run`, and a call `act` (no arguments) that runs it too and
 * invalidates the context.
 */
export function readAndAct(context: string, run: (req: Req, args: unknown) => unknown): RouteTable {
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: { [context]: { functions: ["read"], query: z.strictObject({}), renderStrategy: "dynamic_cached", userScoped: false } },
    functions: {
      read: { context, private: false, route: null, methods: ["GET"], invalidates: [], run },
      act: { context: null, private: false, route: null, methods: ["POST"], args: z.strictObject({}), invalidates: [{ context, scope: [] }], run },
    },
  } as unknown as RouteTable;
}
