// Mizan inside a real Express 5 app, as NestJS runs it: body parsers that
// read the request before Mizan (express.json() is on by default in Nest),
// and a mount path Express strips from req.url. The call's body is taken
// from req.body (never waited for until the body timeout), with Mizan's own
// rules still applied; the route table's basePath is matched against the
// URL the client sent.
import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, toNodeListener } from "mizan/server";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { closeAgent, JSON_HEADERS, raw, rawError } from "./helpers.js";

type Setup = (app: express.Express, mizan: http.RequestListener) => void;

/** An Express app on 127.0.0.1 set up by `setup`, for the length of `run`. */
async function withApp(setup: Setup, run: (port: number) => Promise<void>): Promise<void> {
  const app = express();
  setup(app, toNodeListener(createHandler({ routes, bodyTimeout: 30_000 })) as http.RequestListener);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const call = (port: number, body: string) =>
  raw(port, { method: "POST", path: "/api/mizan/call/updateName/", headers: { ...JSON_HEADERS, origin: `http://127.0.0.1:${port}` }, body });

const UPDATE = JSON.stringify({ userId: 1, name: "Ada" });

const atRoot: Setup = (app, mizan) => app.use((req, res, next) => (req.url.startsWith("/api/mizan/") ? mizan(req, res) : next()));

test("after express.json(), a call is answered from req.body at once", async () => {
  await withApp(
    (app, mizan) => {
      app.use(express.json());
      atRoot(app, mizan);
    },
    async (port) => {
      const started = Date.now();
      const response = await call(port, UPDATE);
      assert.is(response.status, 200, response.body);
      assert.ok(Date.now() - started < 15_000, "not held until the body timeout");
      assert.is(response.headers["x-mizan-invalidate"], "user.userProfile;userId=1");
    },
  );
});

test("after express.raw() and express.text(), the bytes and the text are the body", async () => {
  for (const parser of [express.raw({ type: "application/json" }), express.text({ type: "application/json" })]) {
    await withApp(
      (app, mizan) => {
        app.use(parser);
        atRoot(app, mizan);
      },
      async (port) => {
        const response = await call(port, UPDATE);
        assert.is(response.status, 200, response.body);
      },
    );
  }
});

test("a body express.json() parsed keeps Mizan's rules: __proto__, depth, the schema", async () => {
  await withApp(
    (app, mizan) => {
      app.use(express.json({ limit: "1mb" }));
      atRoot(app, mizan);
    },
    async (port) => {
      const proto = await call(port, '{"userId":1,"name":"Ada","__proto__":{"admin":true}}');
      rawError(proto, "bad_request");
      const deep = await call(port, `{"userId":1,"name":${"[".repeat(5000)}${"]".repeat(5000)}}`);
      rawError(deep, "bad_request");
      const wrong = await call(port, JSON.stringify({ userId: "one", name: "Ada" }));
      rawError(wrong, "bad_request");
    },
  );
});

test("a body read by a middleware that keeps nothing is a 400 that says so, not a wait", async () => {
  await withApp(
    (app, mizan) => {
      app.use((req, _res, next) => {
        req.on("end", () => next()).resume();
      });
      atRoot(app, mizan);
    },
    async (port) => {
      const started = Date.now();
      const response = await call(port, UPDATE);
      rawError(response, "bad_request");
      assert.match(response.body, /read by another middleware/);
      assert.ok(Date.now() - started < 15_000, "not held until the body timeout");
    },
  );
});

test("mounted with app.use('/api/mizan', …), the route table sees the whole path", async () => {
  await withApp(
    (app, mizan) => {
      app.use(express.json());
      app.use("/api/mizan", mizan);
    },
    async (port) => {
      const response = await call(port, UPDATE);
      assert.is(response.status, 200, response.body);
      const read = await raw(port, { path: "/api/mizan/ctx/user/?userId=1" });
      assert.is(read.status, 200, read.body);
    },
  );
});

test.after(closeAgent);
test.run();
