// The two error classes have names of their own (MizanHttpError on the
// server, MizanResponseError on the client); `MizanError`, the name both
// once shared, stays a deprecated alias of each module's own class.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as client from "mizan/client";
import * as server from "mizan/server";
import { JSON_HEADERS, readAndAct, serve } from "./helpers.js";

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

test("an error's headers are checked where it is made: a bad one is a fault onError hears of, never a broken response", async () => {
  const made = (headers: Record<string, string>) => () => new server.MizanHttpError("too_many_requests", "slow down", { headers });
  assert.throws(made({ "x-a": "1\r\nset-cookie: stolen=1" }), /x-a has a value that is not a string of HTTP field characters/);
  assert.throws(made({ "x-a": "nul\0" }), /x-a has a value/);
  assert.throws(made({ "x-a": "snowman \u2603" }), /x-a has a value/);
  assert.throws(made({ "bad name": "1" }), /"bad name" is not an HTTP field name/);
  assert.throws(made({ "x-a\r\nx-b": "1" }), /is not an HTTP field name/);
  for (const owned of ["Transfer-Encoding", "content-length", "Content-Type", "cache-control", "upgrade"]) {
    assert.throws(made({ [owned]: "x" }), new RegExp(`cannot set ${owned.toLowerCase()}`));
  }
  assert.throws(made({ "Retry-After": "1", "retry-after": "2" }), /retry-after is given twice/);
  // Names are lowercased; obs-text and tabs are field characters.
  assert.equal({ ...new server.MizanHttpError("forbidden", "no", { headers: { "Retry-After": "30", "x-b": "caf\u00e9\tok" } }).headers }, {
    "retry-after": "30",
    "x-b": "caf\u00e9\tok",
  });

  const errors: { error: unknown; phase: string }[] = [];
  const routes = readAndAct("board", () => {
    throw new server.MizanHttpError("too_many_requests", "slow down", { headers: { "retry-after": "30\r\nset-cookie: stolen=1" } });
  });
  const handler = server.createHandler({ routes, onError: (error, info) => void errors.push({ error, phase: info.phase }) });
  const served = await serve(handler);
  try {
    const response = await fetch(`${served.origin}/api/mizan/call/act/`, { method: "POST", headers: JSON_HEADERS, body: "{}" });
    assert.is(response.status, 500);
    assert.is(response.headers.get("set-cookie"), null);
    assert.equal((await response.json()) as unknown, { error: { code: "internal", message: "internal server error" } });
    assert.equal(errors.map((e) => e.phase), ["run"]);
    assert.match(String(errors[0]!.error), /retry-after has a value/);
  } finally {
    await served.close();
  }
});

test.run();
