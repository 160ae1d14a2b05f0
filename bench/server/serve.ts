// One benchmark server in its own process (so it has a core of its own while
// wrk drives it from another): `node serve.js <kind>` prints
// `{"port": N}` once listening. Every kind serves the shop's catalog context
// and its updateName call; see run.ts for what each kind does.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { initTRPC } from "@trpc/server";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { Hono } from "hono";
import { z } from "zod";
import { createHandler, toNodeListener, wire } from "mizan/server";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { Products } from "../../fixtures/projects/shop/src/catalog.js";
import { Users } from "../../fixtures/projects/shop/src/users.js";
import { CALL_BODY, CALL_PATH, CONTEXT_PATH } from "./requests.js";

const catalogQuery = z.strictObject({ limit: wire.queryNumber().optional(), tag: z.string().optional() });
const catalogInput = z.strictObject({ limit: z.number().optional(), tag: z.string().optional() });
const updateNameArgs = z.strictObject({ name: z.string(), userId: z.number() });

async function catalog(input: { limit?: number | undefined; tag?: string | undefined }) {
  const [productCount, products] = await Promise.all([Products.productCount(), Products.products(input.tag, input.limit)]);
  return { productCount, products };
}

/** The exact bytes and headers Mizan answers, for the bare server to replay. */
async function recorded(request: Request): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const response = await createHandler({ routes })(request);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await response.arrayBuffer());
  // As the node:http entry sends it: a Content-Length, not chunked.
  headers["content-length"] = String(body.byteLength);
  return { status: response.status, headers, body };
}

async function server(kind: string): Promise<http.Server> {
  switch (kind) {
    case "mizan":
      return http.createServer(toNodeListener(createHandler({ routes })));
    case "mizan-before": {
      // An earlier build of the runtime (MIZAN_BEFORE: its dist/runtime/server/index.js), for a before/after in one run.
      const before = (await import(process.env.MIZAN_BEFORE!)) as typeof import("mizan/server");
      return http.createServer(before.toNodeListener(before.createHandler({ routes })));
    }
    case "mizan-fetch": {
      // The same handler behind a plain function: toNodeListener takes its generic
      // Request/Response path, as it would for any Fetch handler.
      const handler = createHandler({ routes });
      return http.createServer(toNodeListener((request) => handler(request)));
    }
    case "bare": {
      const read = await recorded(new Request(`http://localhost${CONTEXT_PATH}`));
      const call = await recorded(
        new Request(`http://localhost${CALL_PATH}`, { method: "POST", headers: { "content-type": "application/json" }, body: CALL_BODY }),
      );
      return http.createServer((req, res) => {
        const answer = req.method === "POST" ? call : read;
        // Read the request body to its end, as any real server must.
        req.on("data", () => undefined);
        req.on("end", () => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        });
      });
    }
    case "hono": {
      const app = new Hono();
      app.get(CONTEXT_PATH.split("?")[0]!, async (c) => {
        const parsed = catalogQuery.safeParse(c.req.query());
        if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
        c.header("cache-control", "public, s-maxage=60, stale-while-revalidate=60");
        return c.json(await catalog(parsed.data));
      });
      app.post(CALL_PATH, async (c) => {
        const parsed = updateNameArgs.safeParse(await c.req.json());
        if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
        await Users.updateName(parsed.data.userId, parsed.data.name);
        c.header("cache-control", "no-store");
        return c.json({ result: null });
      });
      return createAdaptorServer({ fetch: app.fetch }) as http.Server;
    }
    case "trpc": {
      const t = initTRPC.create();
      const router = t.router({
        catalog: t.procedure.input(catalogInput).query(({ input }) => catalog(input)),
        updateName: t.procedure.input(updateNameArgs).mutation(({ input }) => Users.updateName(input.userId, input.name)),
      });
      return createHTTPServer({ router });
    }
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

// An orderly exit on SIGTERM, so that a --cpu-prof profile is written.
process.on("SIGTERM", () => process.exit(0));
const listening = await server(process.argv[2] ?? "");
listening.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (listening.address() as AddressInfo).port }));
});
