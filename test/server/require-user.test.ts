// requireUser: a function that needs a user answers 401 without being
// called when `authenticate` gives none; the function's own
// `@client({ requireUser })` wins over the handler's option (default false).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createHandler, wire, type ErrorInfo, type RouteTable } from "mizan/server";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { fetchError, JSON_HEADERS } from "./helpers.js";

const calls: string[] = [];
const errors: ErrorInfo[] = [];
const onError = (_error: unknown, info: ErrorInfo) => void errors.push(info);
const authenticate = (request: Request) => request.headers.get("authorization");

/** Every kind of entry, each counting its calls; `own` is each function's requireUser. */
function table(own: { read?: boolean; act?: boolean; page?: boolean; open?: boolean } = {}): RouteTable {
  const run = (name: string) => (req: { user: unknown }) => (calls.push(`${name}:${String(req.user)}`), { by: req.user });
  const fn = (name: string, rest: object, flag: boolean | undefined) => ({
    private: false,
    route: null,
    methods: ["POST"],
    invalidates: [],
    ...rest,
    ...(flag === undefined ? {} : { requireUser: flag }),
    run: run(name),
  });
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: {
      mine: { functions: ["read"], query: z.strictObject({}), renderStrategy: "dynamic_cached", userScoped: true },
      open: { functions: ["open"], query: z.strictObject({}), renderStrategy: "psr", userScoped: false },
    },
    functions: {
      read: fn("read", { context: "mine", methods: ["GET"] }, own.read),
      open: fn("open", { context: "open", methods: ["GET"] }, own.open),
      act: fn("act", { context: null, args: z.strictObject({}) }, own.act),
      page: fn("page", { context: null, route: "/page/", methods: ["GET"], args: z.strictObject({}) }, own.page),
    },
  } as unknown as RouteTable;
}

const requests = {
  read: () => new Request("http://app.example/api/mizan/ctx/mine/"),
  open: () => new Request("http://app.example/api/mizan/ctx/open/"),
  act: (headers: Record<string, string> = {}) =>
    new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: "{}" }),
  page: () => new Request("http://app.example/page/"),
};

test.before.each(() => {
  calls.length = 0;
  errors.length = 0;
});

test("default: requireUser is false, a function runs with req.user null", async () => {
  const handler = createHandler({ routes: table(), authenticate, onError });
  for (const make of Object.values(requests)) assert.is((await handler(make())).status, 200);
  assert.equal(calls.sort(), ["act:null", "open:null", "page:null", "read:null"]);
});

test("global requireUser: 401 without calling the function; psr contexts stay public", async () => {
  const handler = createHandler({ routes: table(), authenticate, onError, requireUser: true });
  for (const make of [requests.read, requests.act, requests.page]) {
    const error = await fetchError(await handler(make()), "unauthorized");
    assert.match(error.message, /authenticated user/);
  }
  // A psr context never reads the request (PROTOCOL §3): it is never authenticated, so never refused.
  assert.is((await handler(requests.open())).status, 200);
  assert.equal(calls, ["open:null"]);
  const signed = await handler(requests.act({ authorization: "ada" }));
  assert.is(signed.status, 200);
  assert.equal(calls, ["open:null", "act:ada"]);
  assert.equal(errors, []);
});

test("a function's own requireUser wins over the handler's", async () => {
  const strict = createHandler({ routes: table({ act: true, read: true, page: true }), authenticate });
  await fetchError(await strict(requests.act()), "unauthorized");
  await fetchError(await strict(requests.read()), "unauthorized");
  await fetchError(await strict(requests.page()), "unauthorized");
  const lax = createHandler({ routes: table({ act: false }), authenticate, requireUser: true });
  assert.is((await lax(requests.act())).status, 200);
  await fetchError(await lax(requests.read()), "unauthorized");
  assert.equal(calls, ["act:null"]);
});

test("the user is checked before the arguments: an anonymous caller gets 401, not the schema's issues, and the schema never runs", async () => {
  let validated = 0;
  // An app's schema with an async refinement, as routes.ts validates with it.
  const strict = wire.standard(z.string().refine(async (value) => (validated++, value.length > 3)), z.string());
  const base = table({ act: true, read: true, page: true });
  const routes = {
    ...base,
    contexts: { ...base.contexts, mine: { ...base.contexts.mine!, query: z.strictObject({ q: strict }) } },
    functions: {
      ...base.functions,
      act: { ...base.functions.act!, args: z.strictObject({ name: strict }) },
      page: { ...base.functions.page!, args: z.strictObject({ q: strict }) },
    },
  } as RouteTable;
  const handler = createHandler({ routes, authenticate, onError });
  const call = (headers: Record<string, string>) =>
    handler(new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: '{"name":"x"}' }));
  await fetchError(await call({}), "unauthorized");
  await fetchError(await handler(new Request("http://app.example/api/mizan/ctx/mine/?q=x")), "unauthorized");
  await fetchError(await handler(new Request("http://app.example/page/?q=x")), "unauthorized");
  assert.is(validated, 0, "no schema ran for the anonymous caller");
  await fetchError(await call({ authorization: "ada" }), "bad_request");
  assert.is(validated, 1);
});

test("a psr context cannot hold a function that requires a user", () => {
  assert.throws(() => createHandler({ routes: table({ open: true }) }), /open requires a user, but its context open is public/);
});

test("the generated table: rename requires a user, whoami is open even under a global requireUser", async () => {
  const handler = createHandler({ routes: cases, authenticate, requireUser: true, onError });
  const anonymous = await handler(
    new Request("http://app.example/api/mizan/call/rename/", { method: "POST", headers: JSON_HEADERS, body: '{"name":"Eve"}' }),
  );
  await fetchError(anonymous, "unauthorized");
  const me = await handler(new Request("http://app.example/api/mizan/ctx/me/"));
  assert.is(await me.text(), '{"whoami":{"name":null,"user":null}}');
  // Without the global option, rename's own requireUser still holds.
  const open = createHandler({ routes: cases, authenticate });
  await fetchError(
    await open(new Request("http://app.example/api/mizan/call/rename/", { method: "POST", headers: JSON_HEADERS, body: '{"name":"Eve"}' })),
    "unauthorized",
  );
  assert.equal(errors, []);
});

test("the generated table: a function taking an AuthedReq requires a user, with no option", async () => {
  assert.is(cases.functions.nickname.requireUser, true);
  const handler = createHandler({ routes: cases, authenticate, onError });
  const post = (headers: Record<string, string>) =>
    new Request("http://app.example/api/mizan/call/nickname/", { method: "POST", headers: { ...JSON_HEADERS, ...headers }, body: '{"nickname":"Eve"}' });
  await fetchError(await handler(post({})), "unauthorized");
  const me = await handler(new Request("http://app.example/api/mizan/ctx/me/", { headers: { authorization: "eve" } }));
  assert.is(await me.text(), '{"whoami":{"name":null,"user":"eve"}}');
  const signed = await handler(post({ authorization: "eve" }));
  assert.is(signed.status, 200);
  assert.equal(await signed.json(), { invalidate: [{ context: "me", fn: "whoami" }], result: "eve" });
  assert.equal(errors, []);
});

test("invoke is server code: the handler's requireUser does not apply, a function's own does", async () => {
  const global = createHandler({ routes: table(), authenticate, requireUser: true });
  assert.equal((await global.invoke("act" as never, {} as never)).result, { by: null });
  // A function that requires a user (an AuthedReq reads req.user without a check) is not run without one.
  const own = createHandler({ routes: table({ act: true }), authenticate });
  try {
    await own.invoke("act" as never, {} as never);
    assert.unreachable("invoke ran a function that requires a user without one");
  } catch (error) {
    assert.instance(error, TypeError);
    assert.match((error as Error).message, /act requires a user: pass invoke's user/);
  }
  assert.equal(calls, ["act:null"]);
  assert.equal((await own.invoke("act" as never, {} as never, { user: "cron" })).result, { by: "cron" });
});

test.run();
