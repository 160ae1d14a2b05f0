// One cache benchmark server in its own process: `node serve.js <kind>
// [redis-url]` prints {"port": N} once listening. Every kind answers the
// shop's user context (dynamic, keyed by principal) for `Authorization: <id>`
// and its catalog context (public):
//   bare      node:http replaying the exact bytes and headers of Mizan's response
//   nocache   createHandler without a cache
//   memory    createHandler + MemoryCache
//   redis     createHandler + RedisCache (every hit is a Redis round trip)
//   peer      a hand-written cache in front of createHandler: a Map keyed by
//             the plain string "<path>?<query>" (no principal, no purge
//             safety: what the original system did)
//   lru       lru-cache in front of the handler's direct entry, bounded like
//             MemoryCache, keyed by path, query and Authorization (shared.ts)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler, toNodeListener } from "mizan/server";
import { DEFAULT_MEMORY_BYTES, MemoryCache, RedisCache } from "mizan/cache";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { HANDLE, HIT_PATH, lruPeer, nodeEntry, PUBLIC_PATH, SECRET } from "./shared.js";

const authenticate = (request: Request) => request.headers.get("authorization");

async function server(kind: string, url: string | undefined): Promise<http.Server> {
  switch (kind) {
    case "nocache":
      return http.createServer(toNodeListener(createHandler({ routes, authenticate })));
    case "memory":
      return http.createServer(toNodeListener(createHandler({ routes, authenticate, cache: new MemoryCache({ secret: SECRET }) })));
    case "redis": {
      const cache = new RedisCache({ secret: SECRET, url: url!, prefix: `bench${process.pid}:` });
      await cache.ready();
      return http.createServer(toNodeListener(createHandler({ routes, authenticate, cache })));
    }
    case "bare": {
      const handler = createHandler({ routes, authenticate });
      const replies = new Map<string, { headers: Record<string, string>; body: Buffer }>();
      for (const path of [HIT_PATH, PUBLIC_PATH]) {
        const response = await handler(new Request(`http://localhost${path}`, { headers: { authorization: "u1" } }));
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        const body = Buffer.from(await response.arrayBuffer());
        headers["content-length"] = String(body.byteLength);
        replies.set(path, { headers, body });
      }
      return http.createServer((req, res) => {
        const reply = replies.get(req.url!)!;
        res.writeHead(200, reply.headers);
        res.end(reply.body);
      });
    }
    case "lru": {
      const handler = createHandler({ routes, authenticate });
      const peer = lruPeer(nodeEntry(handler), DEFAULT_MEMORY_BYTES);
      // toNodeListener enters a handler by this symbol: the peer takes the place of the handler's own entry.
      return http.createServer(toNodeListener(Object.assign((request: Request) => handler(request), { [HANDLE]: peer.handle })));
    }
    case "peer": {
      const handler = createHandler({ routes, authenticate });
      const stored = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
      return http.createServer(async (req, res) => {
        const key = req.url!;
        let entry = stored.get(key);
        if (entry === undefined) {
          const response = await handler(new Request(`http://localhost${key}`, { headers: req.headers as Record<string, string> }));
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => (headers[name] = value));
          const body = Buffer.from(await response.arrayBuffer());
          headers["content-length"] = String(body.byteLength);
          entry = { status: response.status, headers, body };
          if (response.status === 200) stored.set(key, entry);
        }
        res.writeHead(entry.status, entry.headers);
        res.end(entry.body);
      });
    }
  }
  throw new Error(`unknown kind ${kind}`);
}

const [kind, url] = process.argv.slice(2);
const s = await server(kind!, url);
await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ port: (s.address() as AddressInfo).port })}\n`);
// An orderly exit on SIGTERM, so that a --cpu-prof profile is written.
process.on("SIGTERM", () => process.exit(0));
