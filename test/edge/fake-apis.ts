// Local stand-ins for the Fastly and Cloudflare purge APIs, on 127.0.0.1:
// each request is checked against the documented shape (method, path,
// headers, JSON body, per-request limit); a violation is recorded and
// answered 400 so the test sees it. A script of answers (429 with
// Retry-After, 5xx, success false, a hang) exercises retries and backoff.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TAG_PATTERN } from "mizan/edge";

export interface Received {
  readonly at: number;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly tags: string[];
}

export type Answer =
  | { status: number; retryAfter?: string; body?: unknown }
  | "ok"
  | "hang";

export interface FakeApi {
  readonly url: string;
  readonly received: Received[];
  readonly violations: string[];
  /** Answers to give, in order; then "ok". */
  script: Answer[];
  /** ms before each answer. */
  delayMs: number;
  close(): Promise<void>;
}

interface Shape {
  path: RegExp;
  headers: Record<string, string | RegExp>;
  bodyKey: string;
  limit: number;
  ok: (tags: string[]) => unknown;
}

export const FASTLY_SHAPE = (serviceId: string, token: string, soft: boolean): Shape => ({
  path: new RegExp(`^/service/${serviceId}/purge$`),
  headers: {
    "fastly-key": token,
    "content-type": "application/json",
    accept: "application/json",
    ...(soft ? { "fastly-soft-purge": "1" } : {}),
  },
  bodyKey: "surrogate_keys",
  limit: 256,
  ok: (tags) => Object.fromEntries(tags.map((tag, i) => [tag, `108-1391560174-${i}`])),
});

export const CLOUDFLARE_SHAPE = (zoneId: string, token: string): Shape => ({
  path: new RegExp(`^/zones/${zoneId}/purge_cache$`),
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  bodyKey: "tags",
  limit: 100,
  ok: () => ({ success: true, errors: [], messages: [], result: { id: "023e105f4ecef8ad9ca31a8372d0c353" } }),
});

export async function fakeApi(shape: Shape, soft = false): Promise<FakeApi> {
  const api: FakeApi = {
    url: "",
    received: [],
    violations: [],
    script: [],
    delayMs: 0,
    close: async () => {},
  };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const problems: string[] = [];
      if (req.method !== "POST") problems.push(`method ${req.method}`);
      const path = req.url ?? "";
      if (!shape.path.test(path)) problems.push(`path ${path}`);
      for (const [name, expected] of Object.entries(shape.headers)) {
        const actual = req.headers[name];
        const fits = typeof expected === "string" ? actual === expected : typeof actual === "string" && expected.test(actual);
        if (!fits) problems.push(`header ${name}: ${String(actual)}`);
      }
      if (!soft && req.headers["fastly-soft-purge"] !== undefined) problems.push("an unasked soft purge");
      let tags: string[] = [];
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
        const keys = Object.keys(body);
        if (keys.length !== 1 || keys[0] !== shape.bodyKey) problems.push(`body keys ${keys.join(",")}`);
        const list = body[shape.bodyKey];
        if (!Array.isArray(list) || list.some((t) => typeof t !== "string")) problems.push("the list is not of strings");
        else tags = list as string[];
      } catch {
        problems.push("the body is not JSON");
      }
      if (tags.length === 0 || tags.length > shape.limit) problems.push(`${tags.length} tags in one request (limit ${shape.limit})`);
      for (const tag of tags) if (!TAG_PATTERN.test(tag)) problems.push(`tag ${tag}`);
      api.received.push({ at: Date.now(), path, headers: req.headers, tags });
      const answer = api.script.shift() ?? "ok";
      const reply = () => {
        if (problems.length > 0) {
          api.violations.push(...problems);
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ problems }));
        } else if (answer === "hang") {
          hanging.add(res);
        } else if (answer === "ok") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(shape.ok(tags)));
        } else {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (answer.retryAfter !== undefined) headers["retry-after"] = answer.retryAfter;
          res.writeHead(answer.status, headers).end(JSON.stringify(answer.body ?? { status: answer.status }));
        }
      };
      if (api.delayMs > 0) setTimeout(reply, api.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
