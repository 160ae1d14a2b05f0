// The edge fixture project served for real: createHandler over its
// generated routes, its manifest.json, and the store whose `reads` counts
// the reads that reached the origin.
import { readFileSync } from "node:fs";
import { manifestSchema, type Manifest } from "mizan/protocol";
import { createHandler, type HandlerOptions } from "mizan/server";
import { routes } from "../../fixtures/projects/edge/expected/routes.js";
import { store } from "../../fixtures/projects/edge/src/store.js";
import type { RouteTable } from "mizan/server";

export { store };

export const manifest: Manifest = manifestSchema.parse(
  JSON.parse(readFileSync(new URL("../../../fixtures/projects/edge/expected/manifest.json", import.meta.url), "utf8")),
) as Manifest;

/** The user is the bearer token, so that two callers are two users. */
export function edgeApp(options: Omit<HandlerOptions<RouteTable, string>, "routes"> = {}) {
  return createHandler<typeof routes, string>({
    routes,
    authenticate: (request) => request.headers.get("authorization")?.replace(/^Bearer /, "") ?? null,
    ...options,
  });
}

export function resetStore(): void {
  store.reads = 0;
  store.articles.clear();
  store.notes.clear();
  store.posts.length = 0;
}
