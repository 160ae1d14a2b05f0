// A small fake Mizan server speaking PROTOCOL §3 on 127.0.0.1, serving the
// hook test page bundled by esbuild. It logs every request (and whether the
// client aborted it), can hold a request until the test releases it, and
// answers calls with what the test says they invalidate.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Target } from "mizan/protocol";
import { CALL_SEGMENT, canonicalJson, CONTEXT_SEGMENT, DEFAULT_BASE_PATH, INVALIDATE_KEY, RESULT_KEY } from "mizan/protocol";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The page, bundled from the compiled test (dist/). `mizan/*` resolves
 * through tsconfig paths to the runtime sources, once each; React is in
 * development mode so StrictMode double-mounts and snapshot checks run.
 */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./app/page.js", import.meta.url))],
    bundle: true,
    format: "esm",
    write: false,
    absWorkingDir: ROOT,
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export interface LoggedRequest {
  method: string;
  /** Path and query. */
  url: string;
  body: unknown;
  /** The client closed the connection before the answer was sent. */
  aborted: boolean;
  answered: boolean;
}

export interface CallAnswer {
  status?: number;
  result?: unknown;
  invalidate?: Target[];
  error?: { code: string; message: string };
}

export interface FakeServer {
  origin: string;
  log: LoggedRequest[];
  /** GETs of `url` (path and query) so far. */
  gets(url: string): LoggedRequest[];
  /** The next request to `url` (path and query) waits; the returned function lets it through. */
  hold(url: string): () => void;
  /** The next GETs of `url` fail with a 500 error body, `times` times. */
  failNext(url: string, times?: number): void;
  /** How each function answers: by default a result of null and no invalidation. */
  onCall(fn: string, answer: (args: Record<string, unknown>) => CallAnswer): void;
  /** Profile names by user id: what the user context returns. */
  names: Map<number, string>;
  /** Resolves once `check` holds, re-checked on every request event; rejects after `limitMs` as a hang guard. */
  until(check: () => boolean, what: string, limitMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const base = DEFAULT_BASE_PATH;

export async function startFakeServer(pageScript: string): Promise<FakeServer> {
  const events = new EventEmitter();
  const log: LoggedRequest[] = [];
  const holds = new Map<string, Promise<void>>();
  const failures = new Map<string, number>();
  const calls = new Map<string, (args: Record<string, unknown>) => CallAnswer>();
  const names = new Map<number, string>();

  function reset() {
    log.length = 0;
    holds.clear();
    failures.clear();
    calls.clear();
    names.clear();
    names.set(1, "Ada");
    names.set(2, "Brian");
  }
  reset();

  function send(res: ServerResponse, entry: LoggedRequest | undefined, status: number, body: unknown) {
    if (res.destroyed) return;
    const text = typeof body == "string" ? body : canonicalJson(body);
    const type = typeof body == "string" ? "text/html" : "application/json";
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(text);
    if (entry) entry.answered = true;
    events.emit("change");
  }

  function contextBody(name: string, query: URLSearchParams): unknown {
    if (name == "user") {
      const userId = Number(query.get("userId"));
      const profile = names.has(userId) ? { id: userId, name: names.get(userId), email: "x@example.com", tier: "pro" } : null;
      return { userOrders: [], userProfile: profile };
    }
    if (name == "catalog") return { productCount: 2, products: [] };
    if (name == "notifications") return { notifications: [] };
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, "http://127.0.0.1");
    if (url.pathname == "/") {
      return send(res, undefined, 200, `<!doctype html><meta charset="utf-8"><div id="root"></div><script type="module" src="/app.js"></script>`);
    }
    if (url.pathname == "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(pageScript);
      return;
    }
    if (url.pathname == "/favicon.ico") return void res.writeHead(404).end();
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const entry: LoggedRequest = {
      method: req.method!,
      url: url.pathname + url.search,
      body: raw ? JSON.parse(raw) : undefined,
      aborted: false,
      answered: false,
    };
    log.push(entry);
    res.on("close", () => {
      if (!res.writableEnded) {
        entry.aborted = true;
        events.emit("change");
      }
    });
    events.emit("change");

    const held = holds.get(entry.url);
    holds.delete(entry.url);
    await held;
    const [, segment, name] = url.pathname.slice(base.length).split("/");
    if (req.method == "GET" && segment == CONTEXT_SEGMENT) {
      const left = failures.get(entry.url) ?? 0;
      if (left > 0) {
        failures.set(entry.url, left - 1);
        return send(res, entry, 500, { error: { code: "internal", message: "Internal error" } });
      }
      const body = contextBody(name!, url.searchParams);
      return body === undefined
        ? send(res, entry, 404, { error: { code: "not_found", message: "Unknown context" } })
        : send(res, entry, 200, body);
    }
    if (req.method == "POST" && segment == CALL_SEGMENT) {
      const answer = calls.get(name!)?.(entry.body as Record<string, unknown>) ?? {};
      if (answer.error) return send(res, entry, answer.status ?? 400, { error: answer.error });
      const body: Record<string, unknown> = { [RESULT_KEY]: answer.result ?? null };
      if (answer.invalidate?.length) body[INVALIDATE_KEY] = answer.invalidate;
      return send(res, entry, 200, body);
    }
    send(res, entry, 404, { error: { code: "not_found", message: "Not found" } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.destroy();
      throw error;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    log,
    names,
    gets: (url) => log.filter((entry) => entry.method == "GET" && entry.url == url),
    hold(url) {
      let release!: () => void;
      holds.set(url, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    failNext(url, times = 1) {
      failures.set(url, times);
    },
    onCall(fn, answer) {
      calls.set(fn, answer);
    },
    until(check, what, limitMs = 10_000) {
      return new Promise((resolve, reject) => {
        const guard = setTimeout(() => {
          events.off("change", test);
          reject(new Error(`server never saw: ${what}`));
        }, limitMs);
        const test = () => {
          if (!check()) return;
          clearTimeout(guard);
          events.off("change", test);
          resolve();
        };
        events.on("change", test);
        test();
      });
    },
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `/api/mizan/ctx/{name}/?query` as the client writes it. */
export function ctxUrl(name: string, query = ""): string {
  return `${base}/${CONTEXT_SEGMENT}/${name}/${query && "?" + query}`;
}
