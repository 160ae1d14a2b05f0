// The two error classes have names of their own (MizanHttpError on the
// server, MizanResponseError on the client); `MizanError`, the name both
// once shared, stays a deprecated alias of each module's own class.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as client from "mizan/client";
import * as server from "mizan/server";
import { readAndAct } from "./helpers.js";

test("MizanError is each module's own class under its former name", () => {
  assert.is(server.MizanError, server.MizanHttpError);
  assert.is(client.MizanError, client.MizanResponseError);
  assert.is.not(server.MizanHttpError as unknown, client.MizanResponseError as unknown);
});

test("error.name is the new name", () => {
  assert.is(new server.MizanHttpError("forbidden", "no").name, "MizanHttpError");
  assert.is(new client.MizanResponseError(403, { code: "forbidden", message: "no" }).name, "MizanResponseError");
  assert.instance(new server.MizanHttpError("forbidden", "no"), server.MizanError);
});

test("an application's own codes reach a client with their status, message and headers", async () => {
  const refusals = [
    new server.MizanHttpError("conflict", "this username is taken"),
    new server.MizanHttpError("unprocessable_content", "the order is already shipped"),
    new server.MizanHttpError("too_many_requests", "slow down", { headers: { "retry-after": "30" } }),
  ];
  let next = 0;
  const routes = readAndAct("board", () => {
    throw refusals[next++];
  });
  const errors: unknown[] = [];
  const handler = server.createHandler({ routes, onError: (error) => void errors.push(error) });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof globalThis.fetch;
  const call = client.endpoint("/api/mizan", { origin: "http://app.example", fetch });
  for (const [status, code, message] of [
    [409, "conflict", "this username is taken"],
    [422, "unprocessable_content", "the order is already shipped"],
    [429, "too_many_requests", "slow down"],
  ] as const) {
    const error = (await call.call("act", {}).catch((e: unknown) => e)) as InstanceType<typeof client.MizanResponseError>;
    assert.instance(error, client.MizanResponseError);
    assert.equal([error.status, error.code, error.message], [status, code, message]);
  }
  next = 2;
  const limited = await handler(new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
  assert.is(limited.headers.get("retry-after"), "30");
  assert.is(limited.headers.get("cache-control"), "no-store");
  // Intended answers, not server faults.
  assert.equal(errors, []);
});

test.run();
