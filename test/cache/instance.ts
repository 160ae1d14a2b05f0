// One server instance for the multi-instance test: createHandler with a
// TieredCache (or, given "redis" after the URL, a RedisCache) on the shared Redis, over a "database" kept in that Redis too
// (keys db:name:<userId>), so every instance sees the same data. Prints
// {"port": N} once listening; exits when stdin closes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { z } from "zod";
import type { Req } from "mizan";
import { createHandler, toNodeListener, wire, type RouteTable } from "mizan/server";
import { RedisCache, TieredCache } from "mizan/cache";
import { SECRET, authenticate, type Principal } from "./app.js";

const url = process.argv[2]!;
const db = createClient({ url });
await db.connect();

const query = { user: z.strictObject({ userId: wire.queryNumber() }) };
const args = { rename: z.strictObject({ userId: z.number(), name: z.string() }) };

const routes = {
  version: 1,
  basePath: "/api/mizan",
  contexts: { user: { functions: ["profile"], query: query.user, renderStrategy: "dynamic_cached", userScoped: true } },
  functions: {
    profile: {
      context: "user",
      private: false,
      route: null,
      methods: ["GET"],
      invalidates: [],
      run: async (req: Req<Principal>, a: z.output<typeof query.user>) => ({
        viewer: req.user?.id ?? null,
        name: await db.get(`db:name:${a.userId}`),
      }),
    },
    rename: {
      context: null,
      private: false,
      route: null,
      methods: ["POST"],
      args: args.rename,
      invalidates: [{ context: "user", scope: ["userId"] }],
      run: async (_req: Req<Principal>, a: z.output<typeof args.rename>) => {
        await db.set(`db:name:${a.userId}`, a.name);
        return null;
      },
    },
  },
} satisfies RouteTable;

const settings = { secret: SECRET, url, prefix: "multi:", commandTimeout: 1000, ackTimeout: 1000 };
const cache = process.argv[3] === "redis" ? new RedisCache(settings) : new TieredCache(settings);
await cache.ready();
const handler = createHandler({ routes, authenticate, cache, onError: (error, info) => console.error(info.phase, error) });
const listener = toNodeListener(handler);
// GET /metrics (outside the base path): the cache's counters, for the test.
const server = http.createServer((request, response) => {
  if (request.url === "/metrics") response.end(JSON.stringify(cache.metrics()));
  else listener(request, response);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  server.closeAllConnections();
  server.close();
  await cache.close();
  await db.close();
  process.exit(0);
});
