// Real Varnish end to end: varnishd with xkey and the shipped VCL in front
// of a real Mizan origin whose `purge` option sends xkey purges to it.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { varnishPurger } from "mizan/edge";
import { closeAgent, JSON_HEADERS, raw, serve, type Served } from "../server/helpers.js";
import { createHandler } from "mizan/server";
import { routes } from "../../fixtures/projects/edge/expected/routes.js";
import { edgeApp, manifest, resetStore } from "./app.js";
import { edgeScenarios } from "./scenarios.js";
import { freePort, startVarnish, type Varnish } from "./varnishd.js";

const test = suite("varnish");
let origin: Served;
let varnish: Varnish;
const errors: { error: unknown; phase: string }[] = [];

test.before(async () => {
  resetStore();
  const port = await freePort();
  origin = await serve(
    edgeApp({
      edge: { manifest, header: "xkey" },
      purge: { purgers: varnishPurger({ hosts: [`http://127.0.0.1:${port}`] }), timeoutMs: 5000 },
      onError: (error, info) => errors.push({ error, phase: info.phase }),
    }),
  );
  varnish = await startVarnish({ port, backendPort: origin.port });
});
test.after(async () => {
  closeAgent();
  await varnish?.stop();
  await origin?.close();
});

edgeScenarios(test, () => varnish, false);

function purgeFrom(localAddress: string, tags: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: varnish.port, method: "PURGE", path: "/", localAddress, headers: { "xkey-purge": tags } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("the VCL accepts purges only from its allow-list", async () => {
  await raw(varnish.port, { path: "/api/mizan/ctx/article/?slug=acl" });
  assert.is(await purgeFrom("127.0.0.2", "mz.article"), 403);
  assert.is((await raw(varnish.port, { path: "/api/mizan/ctx/article/?slug=acl" })).headers["x-cache"], "HIT");
  assert.is(await purgeFrom("127.0.0.1", "mz.article.slug.acl"), 200);
  assert.is((await raw(varnish.port, { path: "/api/mizan/ctx/article/?slug=acl" })).headers["x-cache"], "MISS");
});

test("no purge failed along the way", () => {
  assert.equal(errors, []);
});

test.run();

// Answers Varnish compresses: a plain origin behind the shipped VCL.
const gzip = suite("varnish: gzip");
let plain: http.Server;
let front: Varnish;

gzip.before(async () => {
  plain = http.createServer((req, res) => {
    const who = req.headers.authorization ?? req.headers.cookie;
    const body = JSON.stringify(req.url!.includes("big") ? { who, rows: "x".repeat(4000) } : { who });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "private, no-cache", vary: "Authorization, Cookie" });
    res.end(body);
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  front = await startVarnish({ port: await freePort(), backendPort: (plain.address() as { port: number }).port });
});
gzip.after(async () => {
  closeAgent();
  await front?.stop();
  await new Promise((resolve) => plain?.close(resolve));
});

/** A GET through Varnish, its body as bytes. */
function fetchBytes(path: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: front.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

gzip("JSON past 1 KiB is gzipped for a client that accepts it, and plain for one that does not; a small answer stays plain", async () => {
  const headers = { authorization: "Bearer a" };
  const zipped = await fetchBytes("/api/mizan/ctx/inbox/?folder=big", { ...headers, "accept-encoding": "gzip, br" });
  assert.is(zipped.headers["content-encoding"], "gzip");
  const text = gunzipSync(zipped.body).toString();
  assert.is(JSON.parse(text).rows.length, 4000);
  const plain = await fetchBytes("/api/mizan/ctx/inbox/?folder=big", headers);
  assert.is(plain.headers["content-encoding"], undefined);
  assert.is(plain.body.toString(), text);
  const small = await fetchBytes("/api/mizan/ctx/inbox/?folder=small", { ...headers, "accept-encoding": "gzip" });
  assert.is(small.headers["content-encoding"], undefined);
});

gzip.run();

// A public read already running when a mutation purges its context holds what the mutation replaced: if the
// CDN stored it after the purge, it would keep it until its lifetime ends. The origin sends it no-store.
const racing = suite("varnish: a read racing a mutation");
let racingOrigin: Served;
let racingFront: Varnish;
let gate: Promise<void> | undefined;
let entered: (() => void) | undefined;

racing.before(async () => {
  resetStore();
  const article = routes.functions.article;
  // The function reads the record, then waits for the gate: its result is what was there when it started.
  const gated = {
    ...routes,
    functions: {
      ...routes.functions,
      article: {
        ...article,
        run: async (req: never, args: never) => {
          const value = await article.run(req, args);
          if (gate !== undefined) {
            entered?.();
            await gate;
          }
          return value;
        },
      },
    },
  } as typeof routes;
  const port = await freePort();
  racingOrigin = await serve(
    createHandler({ routes: gated, edge: { manifest, header: "xkey" }, purge: { purgers: varnishPurger({ hosts: [`http://127.0.0.1:${port}`] }), timeoutMs: 5000 } }),
  );
  racingFront = await startVarnish({ port, backendPort: racingOrigin.port });
});
racing.after(async () => {
  closeAgent();
  await racingFront?.stop();
  await racingOrigin?.close();
});

racing("the read the purge overlapped is not stored by Varnish: the next read is the new data", async () => {
  const path = "/api/mizan/ctx/article/?slug=race";
  let open!: () => void;
  gate = new Promise((resolve) => (open = resolve));
  const started = new Promise<void>((resolve) => (entered = resolve));
  const old = raw(racingFront.port, { path });
  await started;
  const mutation = await raw(racingFront.port, { method: "POST", path: "/api/mizan/call/editArticle/", headers: JSON_HEADERS, body: JSON.stringify({ slug: "race", title: "New" }) });
  assert.is(mutation.status, 200);
  gate = undefined;
  open();
  const first = await old;
  const before = JSON.parse(first.body).article.version as number;
  assert.is(first.headers["cache-control"], "no-store");
  assert.is(first.headers.xkey, undefined);
  const next = await raw(racingFront.port, { path });
  assert.is(JSON.parse(next.body).article.version, before + 1, `stale after the mutation's purge (X-Cache ${String(next.headers["x-cache"])})`);
  // Not overlapped by a purge: stored as usual.
  const again = await raw(racingFront.port, { path });
  assert.is(again.headers["x-cache"], "HIT");
});

racing.run();
