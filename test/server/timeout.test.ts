// The handler's timeout: an answer still pending when it passes is a 503 in
// the error shape, req.signal aborts, onError hears of it with phase
// "timeout", and a mutation that ends later still reaches the invalidation
// hooks. req.signal also aborts when a node:http client leaves.
import http from "node:http";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createHandler, wire, type ErrorInfo, type RouteTable } from "mizan/server";
import type { Target } from "mizan/protocol";
import { MemoryCache } from "mizan/cache";
import { fetchError, JSON_HEADERS, readAndAct, serve } from "./helpers.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Seen {
  signals: AbortSignal[];
  errors: { error: unknown; info: ErrorInfo }[];
  invalidated: Target[][];
}

/** A context `slow` and a mutation `act`, each taking `delay` ms (never settling when null). */
function table(seen: Seen, delay: () => number | null, hold?: Promise<void>): RouteTable {
  const run = async (req: { signal?: AbortSignal }) => {
    seen.signals.push(req.signal!);
    const ms = delay();
    if (ms === null) await new Promise(() => undefined);
    else await sleep(ms);
    await hold;
    return { done: true };
  };
  return readAndAct("slow", run);
}

function fresh(): Seen {
  return { signals: [], errors: [], invalidated: [] };
}

function handlerFor(seen: Seen, timeout: number, delay: () => number | null) {
  return createHandler({
    routes: table(seen, delay),
    timeout,
    onError: (error, info) => void seen.errors.push({ error, info }),
    onInvalidate: (targets) => void seen.invalidated.push([...targets]),
  });
}

const read = () => new Request("http://app.example/api/mizan/ctx/slow/");
const act = () => new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: JSON_HEADERS, body: "{}" });

test("a context read that never settles: 503 within 1.25 timeouts, its signal aborted, onError told", async () => {
  const seen = fresh();
  const handler = handlerFor(seen, 100, () => null);
  const started = performance.now();
  const error = await fetchError(await handler(read()), "service_unavailable");
  const took = performance.now() - started;
  assert.ok(took >= 100, `answered after ${took} ms, before the timeout`);
  // 1.25 timeouts, and room for a loaded machine's timer.
  assert.ok(took < 400, `answered after ${took} ms`);
  assert.match(error.message, /timeout \(100 ms\)/);
  assert.is(seen.signals.length, 1);
  assert.ok(seen.signals[0]!.aborted);
  assert.is((seen.signals[0]!.reason as DOMException).name, "TimeoutError");
  assert.equal(
    seen.errors.map((e) => e.info.phase),
    ["timeout"],
  );
  assert.is(seen.errors[0]!.info.url, "http://app.example/api/mizan/ctx/slow/");
  // The context the request was routed to.
  assert.is(seen.errors[0]!.info.name, "slow");
});

test("answers within the timeout are untouched, and their signal never aborts", async () => {
  const seen = fresh();
  const handler = handlerFor(seen, 200, () => 5);
  const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => handler(i % 2 ? read() : act())));
  for (const response of responses) assert.is(response.status, 200);
  await sleep(300);
  assert.is(seen.signals.length, 20);
  assert.ok(seen.signals.every((signal) => !signal.aborted));
  assert.equal(seen.errors, []);
});

test("a mutation that ends after its 503 still reaches the invalidation hooks", async () => {
  const seen = fresh();
  const handler = handlerFor(seen, 40, () => 150);
  await fetchError(await handler(act()), "service_unavailable");
  assert.equal(seen.invalidated, []);
  await sleep(250);
  assert.equal(seen.invalidated, [["slow"]]);
  assert.equal(
    seen.errors.map((e) => [e.info.phase, e.info.name]),
    [["timeout", "act"]],
  );
});

test("an authenticate or an app schema that hangs is answered 503 too", async () => {
  const seen = fresh();
  const hanging = createHandler({
    routes: table(seen, () => 0),
    timeout: 50,
    authenticate: () => new Promise<null>(() => undefined),
    onError: (error, info) => void seen.errors.push({ error, info }),
  });
  await fetchError(await hanging(act()), "service_unavailable");
  const never = z.string().refine(() => new Promise<boolean>(() => undefined));
  const routes = table(seen, () => 0);
  (routes.functions.act as { args: z.ZodType }).args = z.strictObject({ name: wire.standard(never, z.string()) });
  const schema = createHandler({ routes, timeout: 50, onError: () => undefined });
  const request = new Request("http://app.example/api/mizan/call/act/", {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify({ name: "x" }),
  });
  await fetchError(await schema(request), "service_unavailable");
  assert.is(seen.signals.length, 0);
});

test("origin cache: a computation past the timeout is not joined, so one hung read does not hang its key for good", async () => {
  const seen = fresh();
  let calls = 0;
  const routes = table(seen, () => (++calls === 1 ? null : 1));
  (routes.contexts.slow as { renderStrategy: string }).renderStrategy = "psr";
  const cache = new MemoryCache({ secret: "a secret of at least thirty-two bytes!" });
  const handler = createHandler({ routes, timeout: 60, cache, onError: () => undefined });
  // The first read hangs; a second, arriving while it runs, joins it and is answered 503 with it.
  const first = handler(read());
  await sleep(10);
  const joined = handler(read());
  await fetchError(await first, "service_unavailable");
  await fetchError(await joined, "service_unavailable");
  assert.is(calls, 1);
  assert.is(cache.metrics().coalesced, 1);
  // Past the timeout the hung one is not joined: a new computation answers, and fills the cache.
  const after = await handler(read());
  assert.is(after.status, 200);
  assert.is(calls, 2);
  assert.is((await handler(read())).status, 200);
  assert.is(calls, 2);
  assert.is(cache.metrics().hits, 1);
  await cache.close();
});

test("timeout: Infinity waits as long as the work takes; a bad timeout throws at creation", async () => {
  const seen = fresh();
  const patient = handlerFor(seen, Infinity, () => 80);
  assert.is((await patient(read())).status, 200);
  const hasty = handlerFor(seen, 20, () => 80);
  await fetchError(await hasty(read()), "service_unavailable");
  // 2^31 ms and more: a timer that long fires at once.
  for (const timeout of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
    assert.throws(() => createHandler({ routes: table(fresh(), () => 0), timeout }), /timeout/);
  }
  assert.throws(() => createHandler({ routes: table(fresh(), () => 0), bodyTimeout: 2 ** 31 }), /bodyTimeout .*at most 2147483647/);
});

test("over node:http: the 503 arrives on the socket, and the server keeps serving", async () => {
  const seen = fresh();
  let calls = 0;
  const server = await serve(handlerFor(seen, 60, () => (++calls === 1 ? null : 1)));
  try {
    const hung = await fetch(`${server.origin}/api/mizan/ctx/slow/`);
    assert.is(hung.status, 503);
    assert.is(hung.headers.get("cache-control"), "no-store");
    assert.is(((await hung.json()) as { error: { code: string } }).error.code, "service_unavailable");
    const next = await fetch(`${server.origin}/api/mizan/ctx/slow/`);
    assert.is(next.status, 200);
    assert.equal(await next.json(), { read: { done: true } });
  } finally {
    await server.close();
  }
});

test("over node:http: req.signal aborts when the client leaves mid-function", async () => {
  const seen = fresh();
  const server = await serve(handlerFor(seen, 1_000, () => null));
  try {
    const request = http.get(`${server.origin}/api/mizan/ctx/slow/`);
    request.on("error", () => undefined);
    for (let i = 0; i < 100 && seen.signals.length === 0; i++) await sleep(10);
    assert.is(seen.signals.length, 1);
    assert.not.ok(seen.signals[0]!.aborted);
    request.destroy();
    for (let i = 0; i < 100 && !seen.signals[0]!.aborted; i++) await sleep(10);
    assert.ok(seen.signals[0]!.aborted);
    assert.is((seen.signals[0]!.reason as DOMException).name, "AbortError");
    // A client that left is not a server error, and its timeout, when it passes, tells onError nothing.
    await sleep(1500);
    assert.equal(seen.errors, []);
  } finally {
    await server.close();
  }
});

/** A read that honours req.signal: it rejects with the signal's reason, or answers after `ms`. */
function honouring(seen: Seen, ms: number): RouteTable {
  return readAndAct("slow", (req: { signal?: AbortSignal }) => {
    const signal = req.signal!;
    seen.signals.push(signal);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ done: true }), ms);
      signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)));
    });
  });
}

test("work that stops on req.signal is no server error: onError hears of neither the leaving client nor the timeout", async () => {
  const seen = fresh();
  const onError = (error: unknown, info: ErrorInfo) => void seen.errors.push({ error, info });
  const server = await serve(createHandler({ routes: honouring(seen, 5_000), timeout: 400, onError }));
  try {
    const request = http.get(`${server.origin}/api/mizan/ctx/slow/`);
    request.on("error", () => undefined);
    for (let i = 0; i < 100 && seen.signals.length === 0; i++) await sleep(10);
    request.destroy();
    for (let i = 0; i < 100 && !seen.signals[0]!.aborted; i++) await sleep(10);
    assert.ok(seen.signals[0]!.aborted);
    // The timeout's 503 for a reader that stayed, then its work rejecting with the signal's reason.
    const stayed = await fetch(`${server.origin}/api/mizan/ctx/slow/`);
    assert.is(stayed.status, 503);
    await sleep(100);
    assert.equal(
      seen.errors.map((e) => e.info.phase),
      ["timeout"],
    );
  } finally {
    await server.close();
  }
});

test("a function whose 503 went out before it started (a slow authenticate) is not started", async () => {
  const seen = fresh();
  let runs = 0;
  const routes = readAndAct("slow", () => ++runs);
  const handler = createHandler({
    routes,
    timeout: 50,
    authenticate: () => sleep(150).then(() => "ada"),
    onError: (error, info) => void seen.errors.push({ error, info }),
  });
  await fetchError(await handler(act()), "service_unavailable");
  await sleep(250);
  assert.is(runs, 0);
  assert.equal(
    seen.errors.map((e) => e.info.phase),
    ["timeout"],
  );
});

test("a Response that comes after its 503 is released: its body is cancelled", async () => {
  let cancelled = false;
  const routes = {
    version: 1,
    basePath: "/api/mizan",
    contexts: {},
    functions: {
      page: {
        context: null,
        private: false,
        route: "/page/",
        methods: ["GET"],
        args: z.strictObject({}),
        invalidates: [],
        run: () => sleep(150).then(() => new Response(new ReadableStream({ cancel: () => void (cancelled = true) }))),
      },
    },
  } as unknown as RouteTable;
  const names: (string | undefined)[] = [];
  const handler = createHandler({ routes, timeout: 50, onError: (_, info) => void names.push(info.name) });
  await fetchError(await handler(new Request("http://app.example/page/")), "service_unavailable");
  await sleep(250);
  assert.ok(cancelled);
  // The view path's function is named in the timeout's report.
  assert.equal(names, ["page"]);
});

test("an error that is no abort, thrown after the timeout, is still a fault for onError", async () => {
  const seen = fresh();
  const routes = readAndAct("slow", async () => {
    await sleep(250);
    throw new TypeError("a bug, not an abort");
  });
  const handler = createHandler({ routes, timeout: 60, onError: (error, info) => void seen.errors.push({ error, info }) });
  await fetchError(await handler(read()), "service_unavailable");
  await sleep(350);
  assert.equal(
    seen.errors.map((e) => e.info.phase),
    ["timeout", "run"],
  );
  assert.match(String(seen.errors[1]!.error), /a bug, not an abort/);
});

test("through the origin cache a read is shared: its first reader leaving does not stop it for the others", async () => {
  const seen = fresh();
  const routes = honouring(seen, 300);
  (routes.contexts.slow as { renderStrategy: string }).renderStrategy = "psr";
  const cache = new MemoryCache({ secret: "a secret of at least thirty-two bytes!" });
  const server = await serve(createHandler({ routes, cache, onError: (error, info) => void seen.errors.push({ error, info }) }));
  try {
    const first = http.get(`${server.origin}/api/mizan/ctx/slow/`);
    first.on("error", () => undefined);
    for (let i = 0; i < 100 && seen.signals.length === 0; i++) await sleep(10);
    const joined = fetch(`${server.origin}/api/mizan/ctx/slow/`);
    await sleep(50);
    first.destroy();
    const response = await joined;
    assert.is(response.status, 200);
    assert.equal(await response.json(), { read: { done: true } });
    assert.is(seen.signals.length, 1);
    assert.not.ok(seen.signals[0]!.aborted);
    assert.equal(seen.errors, []);
  } finally {
    await server.close();
    await cache.close();
  }
});

test("invoke passes its signal on; without one req.signal never aborts", async () => {
  const seen = fresh();
  const handler = handlerFor(seen, 50, () => 0);
  const controller = new AbortController();
  await handler.invoke("act" as never, {} as never, { signal: controller.signal });
  await handler.invoke("act" as never, {} as never);
  assert.is(seen.signals[0], controller.signal);
  assert.not.ok(seen.signals[1]!.aborted);
});

test.run();
