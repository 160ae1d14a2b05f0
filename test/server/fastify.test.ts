// Mizan inside a real Fastify 5 app (NestJS's platform-fastify runs on it).
// Fastify parses a body into its own request object, not the raw one, so
// the listener is given the raw request with the bytes on `req.body`, from
// a scope whose only content-type parser keeps them as they came (the
// recipe in docs/server.md). Without it, a call is a prompt 400 that says
// why, never a wait for the body timeout.
import Fastify, { type FastifyInstance } from "fastify";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, toNodeListener } from "mizan/server";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { closeAgent, JSON_HEADERS, raw, rawError } from "./helpers.js";

const listener = toNodeListener(createHandler({ routes, bodyTimeout: 30_000 }));

/** The recipe: Mizan's paths in a scope that keeps bodies as bytes. */
async function mount(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    scope.all("/api/mizan/*", (request, reply) => {
      reply.hijack();
      Object.assign(request.raw, { body: request.body });
      listener(request.raw, reply.raw);
    });
  });
}

async function withApp(setup: (app: FastifyInstance) => Promise<void>, run: (port: number) => Promise<void>): Promise<void> {
  const app = Fastify();
  await setup(app);
  app.get("/other", async () => ({ ok: true }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    await run((app.server.address() as { port: number }).port);
  } finally {
    await app.close();
  }
}

const call = (port: number, body: string, type: string = JSON_HEADERS["content-type"]) =>
  raw(port, { method: "POST", path: "/api/mizan/call/updateName/", headers: { "content-type": type, origin: `http://127.0.0.1:${port}` }, body });

test("with the recipe, calls and context reads are Mizan's, and the app's own routes are Fastify's", async () => {
  await withApp(mount, async (port) => {
    const called = await call(port, JSON.stringify({ userId: 1, name: "Ada" }));
    assert.is(called.status, 200, called.body);
    assert.is(called.headers["x-mizan-invalidate"], "user.userProfile;userId=1");
    const read = await raw(port, { path: "/api/mizan/ctx/user/?userId=1" });
    assert.is(read.status, 200, read.body);
    rawError(await call(port, JSON.stringify({ userId: "one", name: "Ada" })), "bad_request");
    rawError(await call(port, "x", "text/plain"), "unsupported_media_type");
    const other = await raw(port, { path: "/other" });
    assert.equal(JSON.parse(other.body), { ok: true });
  });
});

test("without it, Fastify's JSON parser has read the body: a prompt 400 that says so", async () => {
  await withApp(
    async (app) => {
      app.all("/api/mizan/*", (request, reply) => {
        reply.hijack();
        listener(request.raw, reply.raw);
      });
    },
    async (port) => {
      const started = Date.now();
      const response = await call(port, JSON.stringify({ userId: 1, name: "Ada" }));
      rawError(response, "bad_request");
      assert.match(response.body, /read by another middleware/);
      assert.ok(Date.now() - started < 15_000, "not held until the body timeout");
    },
  );
});

test.after(closeAgent);
test.run();
