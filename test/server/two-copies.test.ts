// A route table and an app's errors made by another copy of mizan/server
// than the handler's: tsx loads routes.ts as CommonJS in a package without
// "type": "module" and the server as an ES module, and a monorepo may
// install mizan twice. Both copies must agree: an app's schema in a
// parameter validates (its parse's flags are one object per process), and a
// MizanHttpError of either copy keeps its status.
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createHandler, MizanHttpError, type RouteTable } from "mizan/server";
import { ROOT } from "../support/compiler.js";
import { JSON_HEADERS } from "./helpers.js";

/** A second copy of the runtime, loaded from its own folder (zod resolves as for the first). */
const copy = mkdtempSync(join(tmpdir(), "mizan-copy-"));
cpSync(join(ROOT, "runtime/dist"), join(copy, "dist"), { recursive: true });
writeFileSync(join(copy, "package.json"), JSON.stringify({ name: "mizan", type: "module" }));
symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
const other = (await import(pathToFileURL(join(copy, "dist/server/index.js")).href)) as typeof import("mizan/server");

const Title = z.object({ title: z.string().min(1) }).refine(async (post) => post.title !== "taken", "this title is taken");

function routes(run: (req: unknown, args: { post?: { title: string } }) => unknown): RouteTable {
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: {},
    functions: {
      addPost: {
        context: null,
        private: false,
        route: null,
        methods: ["POST"],
        // The other copy's wire, as routes.ts loaded through the other module system has it.
        args: z.strictObject({ post: other.wire.standard(Title, z.object({ title: z.string() })) }),
        invalidates: [],
        run,
      },
    },
  } as unknown as RouteTable;
}

const call = (handler: (request: Request) => Promise<Response>, post: unknown) =>
  handler(new Request("http://app.example/api/mizan/call/addPost/", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ post }) }));

test("the two copies are two modules", async () => {
  const own = await import("mizan/server");
  assert.is.not(other.wire, own.wire);
  assert.is.not(other.MizanHttpError as unknown, own.MizanHttpError as unknown);
});

test("a parameter declared from an app's schema, with the other copy's wire: valid input passes, invalid is the schema's 400", async () => {
  const handler = createHandler({ routes: routes((_req, args) => args.post!.title) });
  const ok = await call(handler, { title: "hello" });
  assert.is(ok.status, 200, await ok.clone().text());
  assert.equal(await ok.json(), { result: "hello" });
  const taken = await call(handler, { title: "taken" });
  assert.is(taken.status, 400);
  const body = (await taken.json()) as { error: { issues: { message: string }[] } };
  assert.equal(body.error.issues.map((i) => i.message), ["this title is taken"]);
});

test("a MizanHttpError of the other copy keeps its status and headers; a subclass is tested as a subclass", async () => {
  const handler = createHandler({
    routes: routes(() => {
      throw new other.MizanHttpError("too_many_requests", "slow down", { headers: { "retry-after": "3" } });
    }),
    onError: () => assert.unreachable("an intended answer is no fault"),
  });
  const limited = await call(handler, { title: "x" });
  assert.is(limited.status, 429);
  assert.is(limited.headers.get("retry-after"), "3");
  assert.ok(new other.MizanHttpError("conflict", "no") instanceof MizanHttpError);
  class Refusal extends MizanHttpError {}
  assert.not.ok(new MizanHttpError("conflict", "no") instanceof Refusal);
  assert.ok(new Refusal("conflict", "no") instanceof Refusal);
  assert.not.ok(new Error("plain") instanceof MizanHttpError);
  assert.not.ok((null as unknown) instanceof MizanHttpError);
});

test.after(() => rmSync(copy, { recursive: true, force: true }));

test.run();
