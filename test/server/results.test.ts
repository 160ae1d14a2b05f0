// A result is sent as its declared type: keys the type does not have are
// left out on every path that writes one (a context bundle, a call, a view
// path's JSON), through the `result` shape mizan-gen writes; a route table
// without one sends the value whole.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createHandler, type ResultShape, type RouteTable } from "mizan/server";
import { JSON_HEADERS } from "./helpers.js";

const row = () => ({ id: 1, name: "Ada", passwordHash: "secret", friends: [{ id: 2, name: "Bo", token: "t" }] });
const user: ResultShape = { keys: { friends: { items: { keys: { id: null, name: null } } }, id: null, name: null } };

function table(result: ResultShape | undefined): RouteTable {
  const fn = (rest: object) => ({ private: false, route: null, invalidates: [], ...rest, ...(result ? { result } : {}), run: row });
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: { people: { functions: ["person"], query: z.strictObject({}), renderStrategy: "psr", userScoped: false } },
    functions: {
      person: fn({ context: "people", methods: ["GET"] }),
      save: fn({ context: null, methods: ["POST"], args: z.strictObject({}) }),
      page: fn({ context: null, route: "/page/", methods: ["GET"], args: z.strictObject({}) }),
    },
  } as unknown as RouteTable;
}

const requests = {
  bundle: () => new Request("http://app.example/api/mizan/ctx/people/"),
  call: () => new Request("http://app.example/api/mizan/call/save/", { method: "POST", headers: JSON_HEADERS, body: "{}" }),
  view: () => new Request("http://app.example/page/"),
};

const declared = '{"friends":[{"id":2,"name":"Bo"}],"id":1,"name":"Ada"}';
const whole = '{"friends":[{"id":2,"name":"Bo","token":"t"}],"id":1,"name":"Ada","passwordHash":"secret"}';

test("a context bundle, a call and a view path send only the declared keys", async () => {
  const handler = createHandler({ routes: table(user) });
  assert.is(await (await handler(requests.bundle())).text(), `{"person":${declared}}`);
  assert.is(await (await handler(requests.call())).text(), `{"result":${declared}}`);
  assert.is(await (await handler(requests.view())).text(), declared);
});

test("a route table without result shapes sends the value whole, as before", async () => {
  const handler = createHandler({ routes: table(undefined) });
  assert.is(await (await handler(requests.bundle())).text(), `{"person":${whole}}`);
  assert.is(await (await handler(requests.call())).text(), `{"result":${whole}}`);
  assert.is(await (await handler(requests.view())).text(), whole);
});

test("invoke hands server code the value as returned", async () => {
  const handler = createHandler({ routes: table(user) });
  const { result } = await (handler.invoke as unknown as (name: string, args: unknown) => Promise<{ result: unknown }>)("save", {});
  assert.equal(result, row());
});

test.run();
