// mapError: an error a function or authenticate threw becomes an intended
// answer when the application maps it to a MizanHttpError (a framework's
// exception with a 4xx status); anything else stays a 500 for onError.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, MizanHttpError, type ErrorInfo, type RouteTable } from "mizan/server";
import { fetchError, JSON_HEADERS, readAndAct } from "./helpers.js";

/** What NestJS's HttpException looks like to code that did not import it. */
class HttpException extends Error {
  constructor(
    message: string,
    private readonly status: number,
  ) {
    super(message);
  }
  getStatus(): number {
    return this.status;
  }
}

const CODES: Record<number, ConstructorParameters<typeof MizanHttpError>[0]> = { 401: "unauthorized", 404: "not_found", 409: "conflict", 422: "unprocessable_content" };

function mapHttpException(error: unknown): MizanHttpError | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const code = CODES[error.getStatus()];
  return code === undefined ? undefined : new MizanHttpError(code, error.message);
}

function routes(thrown: () => unknown): RouteTable {
  return readAndAct("board", () => {
    throw thrown();
  });
}

const act = () => new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: JSON_HEADERS, body: "{}" });
const read = () => new Request("http://app.example/api/mizan/ctx/board/");

test("a mapped exception is its status and message, in a call and in a context read; onError is not told", async () => {
  const errors: ErrorInfo[] = [];
  const handler = createHandler({
    routes: routes(() => new HttpException("this username is taken", 409)),
    mapError: mapHttpException,
    onError: (_error, info) => void errors.push(info),
  });
  const called = await fetchError(await handler(act()), "conflict");
  assert.is(called.message, "this username is taken");
  await fetchError(await handler(read()), "conflict");
  assert.equal(errors, []);
});

test("what mapError leaves alone is a 500 for onError, with the phase and name it had", async () => {
  const seen: { error: unknown; info: ErrorInfo }[] = [];
  const thrown = new HttpException("teapot", 418);
  const handler = createHandler({
    routes: routes(() => thrown),
    mapError: mapHttpException,
    onError: (error, info) => void seen.push({ error, info }),
  });
  const error = await fetchError(await handler(act()), "internal");
  assert.is(error.message, "internal server error");
  assert.is(seen.length, 1);
  assert.is(seen[0]!.error, thrown);
  assert.is(seen[0]!.info.phase, "run");
  assert.is(seen[0]!.info.name, "act");
});

test("mapError sees what it maps with onError's info; authenticate's exceptions are mapped too", async () => {
  const infos: ErrorInfo[] = [];
  const handler = createHandler({
    routes: routes(() => new Error("unreached")),
    authenticate: () => {
      throw new HttpException("the session expired", 401);
    },
    mapError: (error, info) => (infos.push(info), mapHttpException(error)),
    onError: () => assert.unreachable("onError"),
  });
  const error = await fetchError(await handler(act()), "unauthorized");
  assert.is(error.message, "the session expired");
  assert.equal(infos, [{ phase: "authenticate", name: "act", method: "POST", url: "http://app.example/api/mizan/call/act/" }]);
});

test("a mapError that throws: a 500, and onError hears of both errors", async () => {
  const seen: { error: unknown; phase: string }[] = [];
  const original = new HttpException("gone", 410);
  const broken = new TypeError("mapper bug");
  const handler = createHandler({
    routes: routes(() => original),
    mapError: () => {
      throw broken;
    },
    onError: (error, info) => void seen.push({ error, phase: info.phase }),
  });
  await fetchError(await handler(act()), "internal");
  assert.equal(seen, [
    { error: broken, phase: "handler" },
    { error: original, phase: "run" },
  ]);
});

test("errors of the request itself never reach mapError", async () => {
  const handler = createHandler({
    routes: routes(() => new Error("unreached")),
    mapError: () => assert.unreachable("mapError"),
  });
  await fetchError(await handler(new Request("http://app.example/api/mizan/call/act/", { method: "POST", headers: JSON_HEADERS, body: "[" })), "bad_request");
  await fetchError(await handler(new Request("http://app.example/api/mizan/call/nothing/", { method: "POST", headers: JSON_HEADERS, body: "{}" })), "not_found");
});

test.run();
