// The demo server: the generated route table under createHandler, the page
// and the live-update stream as its fallback, all on one node:http server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler, nodeClientError, toNodeListener } from "mizan/server";
import { routes } from "../generated/routes.js";
import { EVENTS_PATH, TAB_HEADER } from "../shared.js";
import { staffFromCookie } from "./auth.js";
import { createLiveUpdates } from "./live.js";
import { loadSite } from "./site.js";

export interface DemoOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** The folder with index.html, app.js and style.css (see bundle.ts). */
  publicDir: string;
}

export interface Demo {
  /** The origin with a trailing slash, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const site = await loadSite(options.publicDir);
  const live = createLiveUpdates();
  const handler = createHandler({
    routes,
    authenticate: (request) => staffFromCookie(request.headers.get("cookie")),
    onInvalidate: (targets, info) => live.push(targets, info.request?.headers.get(TAB_HEADER) ?? null),
    fallback: (request) => {
      const url = new URL(request.url);
      return url.pathname === EVENTS_PATH ? live.connect(url) : site(request);
    },
  });

  // Mizan answers what node:http would refuse with a bare status line: a request without Host, a malformed one.
  const server = createServer({ requireHostHeader: false }, toNodeListener(handler));
  server.on("clientError", nodeClientError);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        live.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
