// The server under hostile input, over real HTTP: deeply nested bodies,
// numbers built to make a regex backtrack, clients that abort or stall an
// upload, a DNS-rebinding Host, and deeply nested results.
import net from "node:net";
import { performance } from "node:perf_hooks";
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as v from "valibot";
import { z } from "zod";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler, nodeClientError, toNodeListener, wire, type ErrorInfo, type RouteTable } from "mizan/server";
import { canonicalJson, formatInvalidateHeader } from "mizan/protocol";
import { routes as zoo } from "../../fixtures/projects/type-zoo/expected/routes.js";
import { checkJsonType, nestedDeeper } from "../../runtime/server/body.js";
import { ALL_ISSUES_MAX_BYTES } from "../../runtime/server/errors.js";
import { closeAgent, JSON_HEADERS, raw, rawError, serve, type Served } from "./helpers.js";
import { fastest } from "../support/timing.js";

const errors: { error: unknown; info: ErrorInfo }[] = [];
const onError = (error: unknown, info: ErrorInfo) => void errors.push({ error, info });
const servers: Served[] = [];
async function served(handler: (request: Request) => Promise<Response>): Promise<Served> {
  const out = await serve(handler);
  servers.push(out);
  return out;
}

test.after.each(() => {
  errors.length = 0;
});
test.after(async () => {
  closeAgent();
  await Promise.all(servers.map((s) => s.close()));
});

function tree(depth: number): string {
  return '{"children":['.repeat(depth) + '{"children":[],"value":1}' + '],"value":1}'.repeat(depth);
}

function post(port: number, name: string, body: string) {
  return raw(port, { method: "POST", path: `/api/mizan/call/${name}/`, headers: { ...JSON_HEADERS }, body });
}

test("a body nested past the depth bound is a 400, never a stack overflow", async () => {
  const app = await served(createHandler({ routes: zoo, onError }));
  // About 1,000 levels overflowed zod's recursion (26 KB); 40,000 fit in 1 MiB.
  for (const depth of [1_000, 40_000]) {
    const response = await post(app.port, "recursive", `{"tree":${tree(depth)},"json":null}`);
    const error = rawError(response, "bad_request");
    assert.match(error.message, /nested deeper than 64/);
  }
  const arrays = await post(app.port, "recursive", `{"tree":${tree(1)},"json":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
  rawError(arrays, "bad_request");
  // Brackets inside strings are text, not nesting.
  const inString = await post(app.port, "recursive", JSON.stringify({ tree: JSON.parse(tree(2)), json: '\\"[{'.repeat(5000) + '"\\' }));
  assert.is(inString.status, 200, inString.body);
  // Up to the bound, a recursive type validates as usual. The top object,
  // then two levels (object, children array) per tree level: 63 and 65 levels.
  const atBound = await post(app.port, "recursive", `{"tree":${tree(30)},"json":null}`);
  assert.is(atBound.status, 200, atBound.body);
  const pastBound = await post(app.port, "recursive", `{"tree":${tree(31)},"json":null}`);
  rawError(pastBound, "bad_request");
  assert.equal(errors, []);
});

test("the depth bound is an option", async () => {
  const app = await served(createHandler({ routes: zoo, onError, maxDepth: 8 }));
  rawError(await post(app.port, "recursive", `{"tree":${tree(3)},"json":null}`), "bad_request");
  assert.is((await post(app.port, "recursive", `{"tree":${tree(2)},"json":null}`)).status, 200);
  assert.throws(() => createHandler({ routes: zoo, maxDepth: 0 }), /maxDepth/);
});

/** A function that returns what `make` builds, in a context and at /call/. */
function returning(make: () => unknown): RouteTable {
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: { deep: { functions: ["read"], query: z.strictObject({}), renderStrategy: "psr", userScoped: false } },
    functions: {
      read: { context: "deep", private: false, route: null, methods: ["GET"], invalidates: [], run: make },
      write: { context: null, private: false, route: null, methods: ["POST"], args: undefined, invalidates: [], run: make },
    },
  };
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { v: value };
  return value;
}

test("canonicalJson refuses a value nested too deep with a clear error, not a stack overflow", () => {
  assert.throws(() => canonicalJson(nested(200_000)), (error: unknown) => error instanceof TypeError && /nested deeper than/.test(error.message));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = { again: cyclic };
  assert.throws(() => canonicalJson(cyclic), /cyclic/);
  assert.is(canonicalJson(nested(500)), JSON.stringify(nested(500)));
});

test("a result nested too deep is a 500 whose error in onError says why", async () => {
  const app = await served(createHandler({ routes: returning(() => nested(200_000)), onError }));
  rawError(await raw(app.port, { path: "/api/mizan/ctx/deep/" }), "internal");
  rawError(await post(app.port, "write", "{}"), "internal");
  assert.is(errors.length, 2);
  for (const { error } of errors) {
    assert.instance(error, TypeError);
    assert.match((error as Error).message, /nested deeper than/);
  }
});

test("a body of many wrong elements up to 2 KiB is a 400 listing the first 100 issues and counting the rest", async () => {
  const table = returning(() => 1);
  const write = { ...table.functions.write!, args: z.strictObject({ numbers: z.array(z.number()) }) };
  const routes: RouteTable = { ...table, functions: { ...table.functions, write } };
  const app = await served(createHandler({ routes, onError }));
  const body = JSON.stringify({ numbers: Array.from({ length: 500 }, () => "x") });
  assert.ok(body.length <= ALL_ISSUES_MAX_BYTES, `${body.length} bytes`);
  const response = await post(app.port, "write", body);
  const error = rawError(response, "bad_request");
  assert.is(error.message, "invalid arguments (the first 100 of 500 issues)");
  assert.is(error.issues?.length, 100);
  assert.equal((error.issues?.[99] as { path?: unknown } | undefined)?.path, ["numbers", 99]);
  const few = rawError(await post(app.port, "write", '{"numbers":[1,"x"]}'), "bad_request");
  assert.is(few.message, "invalid arguments");
  assert.equal(errors, []);
});

test("a larger body is validated up to its first issue: 1 MiB of empty elements is one issue, not millions", async () => {
  const table = returning(() => 1);
  const item = z.strictObject(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`field${i}`, z.string()])));
  const write = { ...table.functions.write!, args: z.strictObject({ items: z.array(item) }), run: (_req: unknown, args: unknown) => (args as { items: unknown[] }).items.length };
  const routes: RouteTable = { ...table, functions: { ...table.functions, write } };
  const app = await served(createHandler({ routes, onError }));
  // A full parse builds 2.8 million issues here (seconds of CPU, gigabytes of heap).
  const empty = JSON.stringify({ items: Array.from({ length: 349_000 }, () => ({})) });
  const heap = process.memoryUsage().heapUsed;
  const response = await post(app.port, "write", empty);
  const error = rawError(response, "bad_request");
  assert.is(error.message, `invalid arguments (a body over ${ALL_ISSUES_MAX_BYTES} bytes is not searched for every issue)`);
  assert.is(error.issues?.length, 1);
  assert.equal((error.issues?.[0] as { path?: unknown } | undefined)?.path, ["items", 0, "field0"]);
  assert.ok(process.memoryUsage().heapUsed - heap < 300_000_000, `${process.memoryUsage().heapUsed - heap} bytes more heap`);
  // The same schema still takes a large valid body whole.
  const full = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`field${i}`, "v"]));
  const valid = JSON.stringify({ items: Array.from({ length: 5_000 }, () => full) });
  assert.ok(valid.length > ALL_ISSUES_MAX_BYTES);
  const ok = await post(app.port, "write", valid);
  assert.is(ok.status, 200, ok.body);
  assert.is((JSON.parse(ok.body) as { result: unknown }).result, 5_000);
  assert.equal(errors, []);
});

test("an app's schema is stopped at its first issue too, and what zod cannot stop early is a 400, not a stack overflow", async () => {
  const table = returning(() => 1);
  const zeros = JSON.stringify({ xs: Array.from({ length: 300_000 }, () => 0) });
  let checked = 0;
  const positive = (n: number) => (checked++, n > 0);
  const cases: [string, z.ZodType][] = [
    ["zod", z.strictObject({ xs: wire.standard(z.array(z.number().refine(positive, { abort: true })), z.array(z.number())) })],
    ["zod, async", z.strictObject({ xs: wire.standard(z.array(z.number().refine(positive, { abort: true })).refine(async () => true), z.array(z.number())) })],
    // Another library's schema cannot be told to stop: its first issue only is kept.
    ["valibot", z.strictObject({ xs: wire.standard(v.array(v.pipe(v.number(), v.minValue(1))), z.array(z.number())) })],
    // A template literal's check, as mizan-gen writes it.
    ["template literal", z.strictObject({ xs: z.array(z.union([z.string().regex(/^ord_/, { abort: true }), z.null()])) })],
  ];
  for (const [name, args] of cases) {
    checked = 0;
    const routes: RouteTable = { ...table, functions: { ...table.functions, write: { ...table.functions.write!, args } } };
    const app = await served(createHandler({ routes, onError }));
    const body = name === "template literal" ? JSON.stringify({ xs: Array.from({ length: 200_000 }, () => "") }) : zeros;
    const error = rawError(await post(app.port, "write", body), "bad_request");
    assert.is(error.message, `invalid arguments (a body over ${ALL_ISSUES_MAX_BYTES} bytes is not searched for every issue)`, name);
    assert.is(error.issues?.length, 1, name);
    if (name.startsWith("zod")) assert.is(checked, 1, name);
  }
  // An unknown key in each element is an issue zod does not stop at; an app's zod schema beside it makes the parse awaiting,
  // whose object code spreads 145,000 issues into one call.
  const args = z.strictObject({ ps: z.array(z.strictObject({ a: z.string().optional() })), tag: wire.standard(z.string(), z.string()) });
  const routes: RouteTable = { ...table, functions: { ...table.functions, write: { ...table.functions.write!, args } } };
  const app = await served(createHandler({ routes, onError }));
  const unknown = JSON.stringify({ ps: Array.from({ length: 145_000 }, () => ({ "": 0 })), tag: "t" });
  const error = rawError(await post(app.port, "write", unknown), "bad_request");
  assert.match(error.message, /^invalid arguments \((too many issues to list|a body over 2048 bytes is not searched for every issue)\)$/);
  assert.equal(errors, []);
});

/** Median time of `run` over rounds that alternate with `other`'s, so load on the machine hits both alike. */
function timeBoth(a: () => unknown, b: () => unknown, rounds = 15): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return [median(ta), median(tb)];
}

test("a long non-number is refused as fast as a valid number of the same length", () => {
  const schema = wire.queryNumber();
  for (const length of [15_000, 60]) {
    const valid = "1".repeat(length);
    const invalid = "1".repeat(length - 1) + "x";
    assert.is(schema.safeParse(invalid).success, false);
    const [bad, good] = timeBoth(() => schema.safeParse(invalid), () => schema.safeParse(valid));
    // Quadratic backtracking made the bad one about 5,000× slower at 15,000 digits.
    assert.ok(bad < Math.max(good * 5, 0.5), `refusing took ${bad.toFixed(3)} ms, accepting ${good.toFixed(3)} ms (length ${length})`);
  }
  // The same for the pattern itself: with a dot, an exponent, a sign.
  for (const invalid of ["1".repeat(50) + ".".repeat(2) + "1", "-" + "1".repeat(50) + "e", "." + "1".repeat(60) + "x"]) {
    assert.is(schema.safeParse(invalid).success, false, invalid);
  }
});

test("a numeric string longer than the cap is refused; shorter ones still read", () => {
  const schema = wire.queryNumber();
  assert.equal(schema.safeParse("1".repeat(100)).data, Number("1".repeat(100)));
  assert.equal(schema.safeParse("0." + "0".repeat(90) + "1").success, true);
  const tooLong = schema.safeParse("1".repeat(101));
  assert.is(tooLong.success, false);
  // One issue, the length: the pattern is not even tried.
  assert.equal(tooLong.error!.issues.map((issue) => issue.message), ["a number is at most 100 characters"]);
});

test("a 15,000-digit query number is a quick 400 over HTTP, in a context and a view path", async () => {
  const app = await served(createHandler({ routes: zoo, onError }));
  const response = await raw(app.port, { path: `/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=${"1".repeat(15_000)}x` });
  const error = rawError(response, "bad_request");
  assert.ok(JSON.stringify(error.issues).includes("priority"));
  assert.equal(errors, []);
});

test("a date parameter's pattern refuses long junk in linear time", () => {
  const schema = wire.date();
  const valid = "2026-11-27T10:00:00" + "." + "1".repeat(14_980) + "Z";
  const invalid = "2026-11-27T10:00:00" + "." + "1".repeat(14_980) + "x";
  const [bad, good] = timeBoth(() => schema.safeParse(invalid), () => schema.safeParse(valid));
  assert.ok(bad < Math.max(good * 5, 0.5), `refusing took ${bad.toFixed(3)} ms, accepting ${good.toFixed(3)} ms`);
});

test("a date that is not an ISO date-time with an offset says what is expected", () => {
  for (const text of ["yesterday", "2026-11-27", "2026-11-27T10:00:00"]) {
    const result = wire.date().safeParse(text);
    assert.not.ok(result.success, text);
    assert.match(result.error!.issues[0]!.message, /ISO 8601 date-time with an offset, such as 2026-11-28T10:00:00Z/);
  }
});

/** The fastest of `rounds` runs, in ms: the least disturbed by other work on the machine. */
/** How much longer `run` takes on an input 8× as long (both built before timing): about 8 when linear, 64 when quadratic. */
function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number): number {
  const short = make(n);
  const long = make(8 * n);
  return fastest(() => run(long)) / Math.max(fastest(() => run(short)), 0.005);
}

// The patterns themselves, on inputs small enough that memory effects stay out of the ratio.
// (canonicalJson's plain-string check is one anchored character class, and the header's one
// too; what follows them, JSON.stringify and encodeURIComponent, copies its input once.)
test("the other patterns that see request input are linear too", () => {
  const n = 20_000;
  // Content-Type parameters: a quoted charset of nothing but quotes.
  const contentType = growth((size) => `application/json; charset="${'"'.repeat(size)}x`, (text) => assert.throws(() => checkJsonType(text)), n);
  assert.ok(contentType < 32, `Content-Type: ${contentType.toFixed(1)}× for 8× the input`);
  // The depth scan: one pass whatever the input.
  const scan = growth((size) => '["\\'.repeat(size), (text) => nestedDeeper(text, text.length), n);
  assert.ok(scan < 32, `depth scan: ${scan.toFixed(1)}× for 8× the input`);
  // The invalidation header's check, on a value that fails it at the very end.
  const header = growth((size) => "a".repeat(size) + "%", (value) => formatInvalidateHeader([{ context: "c", params: { q: value } }]), n);
  assert.ok(header < 32, `header: ${header.toFixed(1)}× for 8× the input`);
});

/** Headers and part of a body, then the socket is destroyed. Resolves once the server saw the request close. */
/** Sends `text` as is and reads until the server closes the connection. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text));
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
}

async function abortUpload(port: number, path: string, headers: string): Promise<void> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"tree":`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
}

test("a client that aborts its upload is not a server error", async () => {
  let closed = 0;
  const app = await served(createHandler({ routes: zoo, onError }));
  for (let i = 0; i < 20; i++) await abortUpload(app.port, "/api/mizan/call/recursive/", "");
  // Chunked bodies too.
  const socket = net.connect(app.port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`POST /api/mizan/call/recursive/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"tre\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  // The server is still there and answers; then everything it was told is in `errors`.
  for (let i = 0; i < 5; i++) {
    const ok = await post(app.port, "recursive", `{"tree":${tree(1)},"json":null}`);
    assert.is(ok.status, 200);
    closed++;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.is(closed, 5);
  assert.equal(errors.map((e) => `${e.info.phase}: ${String(e.error)}`), []);
});

/** Sends headers and `first` bytes of a declared body, then nothing; resolves with the raw answer. */
function stall(port: number, deadline: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`POST /api/mizan/call/recursive/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"tree":`);
    });
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve(text || "(no answer before the deadline)");
    }, deadline);
  });
}

test("a body that arrives too slowly is a 408, and slow clients do not hold up others", async () => {
  const app = await served(createHandler({ routes: zoo, onError, bodyTimeout: 400 }));
  const order: string[] = [];
  const slow = Array.from({ length: 30 }, () => stall(app.port, 5_000).then((text) => (order.push("slow"), text)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const fast = await post(app.port, "recursive", `{"tree":${tree(3)},"json":null}`);
  order.push("fast");
  assert.is(fast.status, 200);
  const answers = await Promise.all(slow);
  assert.is(order[0], "fast", "the well-behaved client was answered while the slow ones waited");
  for (const text of answers) {
    assert.match(text, /^HTTP\/1\.1 408 /, text.slice(0, 200));
    assert.match(text, /"code":"request_timeout"/);
    assert.match(text.toLowerCase(), /cache-control: no-store/);
    assert.match(text.toLowerCase(), /connection: close/);
  }
  assert.equal(errors, []);
});

test("a body past the limit that keeps trickling in gets its 413, and is cut off at the body timeout", async () => {
  const app = await served(createHandler({ routes: zoo, onError, bodyTimeout: 400, bodyLimit: 1024 }));
  const socket = net.connect(app.port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  let text = "";
  socket.on("data", (chunk) => (text += chunk.toString()));
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now())));
  const started = performance.now();
  socket.write(`POST /api/mizan/call/recursive/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
  socket.write(`800\r\n${"x".repeat(2048)}\r\n`);
  const trickle = setInterval(() => socket.writable && socket.write(`10\r\n${"x".repeat(16)}\r\n`), 50);
  try {
    const at = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 5_000))]);
    assert.match(text, /^HTTP\/1\.1 413 /, text.slice(0, 200));
    assert.ok(at - started < 2_500, `the connection stayed open ${(at - started).toFixed(0)} ms`);
  } finally {
    clearInterval(trickle);
    socket.destroy();
  }
  assert.equal(errors, []);
});

test("the body timeout: default and validation", () => {
  assert.throws(() => createHandler({ routes: zoo, bodyTimeout: -1 }), /bodyTimeout/);
  assert.throws(() => createHandler({ routes: zoo, bodyTimeout: 1.5 }), /bodyTimeout/);
});

test("a Host that is not a host and port is a 400: it cannot choose the path, the query or the host a request is read as", async () => {
  const app = await served(createHandler({ routes: zoo, onError, allowedHosts: ["127.0.0.1", "localhost"] }));
  const body = `{"tree":${tree(1)},"json":null}`;
  for (const host of ["127.0.0.1/api/mizan/call/recursive/?", "127.0.0.1/api/mizan/call/recursive/#", "evil.example@127.0.0.1", "127.0.0.1\\x"]) {
    const response = await raw(app.port, { method: "POST", path: "/elsewhere/%7e", headers: { ...JSON_HEADERS, host }, body });
    assert.is(response.status, 400, `${JSON.stringify(host)}: ${response.status} ${response.body}`);
  }
  // The same request to the function's own path, under Hosts RFC 9110 allows.
  for (const host of ["127.0.0.1", "localhost:80", "LOCALHOST", "[::1]:8080"]) {
    const response = await raw(app.port, { method: "POST", path: "/api/mizan/call/recursive/?%7e", headers: { ...JSON_HEADERS, host }, body });
    assert.is(response.status, host.startsWith("[") ? 403 : 200, `${host}: ${response.body}`);
  }
  assert.equal(errors, []);
});

test("allowedHosts: a Host not listed is a 403 on every path; listed ones pass", async () => {
  const app = await served(createHandler({ routes: zoo, onError, allowedHosts: ["127.0.0.1", "app.example", ".corp.example"] }));
  // A DNS-rebinding page: its own name in Host and Origin, so the Origin rule alone would pass it.
  const rebind = await raw(app.port, {
    method: "POST",
    path: "/api/mizan/call/recursive/",
    headers: { ...JSON_HEADERS, host: "rebind.example", origin: "http://rebind.example" },
    body: `{"tree":${tree(1)},"json":null}`,
  });
  assert.match(rawError(rebind, "forbidden").message, /Host/);
  rawError(await raw(app.port, { path: "/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1", headers: { host: "rebind.example:80" } }), "forbidden");
  rawError(await raw(app.port, { path: "/elsewhere", headers: { host: "corp.example.evil" } }), "forbidden");
  // An absolute-form target naming an allowed host does not let another Host (and an Origin matching it) through.
  const absolute = await raw(app.port, {
    method: "POST",
    path: `http://127.0.0.1:${app.port}/api/mizan/call/recursive/`,
    headers: { ...JSON_HEADERS, host: "evil.example", origin: "http://evil.example" },
    body: `{"tree":${tree(1)},"json":null}`,
  });
  rawError(absolute, "forbidden");
  const agreeing = await raw(app.port, { path: `http://app.example/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1`, headers: { host: "app.example" } });
  assert.is(agreeing.status, 200, agreeing.body);
  for (const host of [`127.0.0.1:${app.port}`, "APP.example", "app.example:8080", "a.corp.example", "corp.example"]) {
    const ok = await raw(app.port, { path: "/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1", headers: { host } });
    assert.is(ok.status, 200, `${host}: ${ok.body}`);
  }
  // Without the option any Host is served, as before.
  const open = await served(createHandler({ routes: zoo, onError }));
  const any = await raw(open.port, { path: "/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1", headers: { host: "rebind.example" } });
  assert.is(any.status, 200);
  // HTTP/1.0 allows no Host at all: not served as localhost (or anything else) when hosts are checked.
  const hostless = "GET /api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1 HTTP/1.0\r\n\r\n";
  const refused = await exchange(app.port, hostless);
  assert.match(refused, /^HTTP\/1\.1 403 /);
  assert.match(refused, /"code":"forbidden".*without a Host/);
  assert.match(await exchange(open.port, hostless), /^HTTP\/1\.1 200 /);
  assert.match(await exchange(app.port, `GET http://app.example/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1 HTTP/1.0\r\n\r\n`), /^HTTP\/1\.1 200 /);
  assert.throws(() => createHandler({ routes: zoo, allowedHosts: ["http://a.example/"] }), /allowedHosts/);
  assert.throws(() => createHandler({ routes: zoo, allowedHosts: ["a.example:80"] }), /allowedHosts/);
  assert.throws(() => createHandler({ routes: zoo, allowedHosts: ["::1"] }), /in brackets: "\[::1\]"/);
  assert.equal(errors, []);
});

test("requests node:http refuses itself are answered in the error shape with nodeClientError; several Host lines, or none in HTTP/1.1, are a 400", async () => {
  const server = http.createServer({ requireHostHeader: false }, toNodeListener(createHandler({ routes: zoo, onError })));
  server.on("clientError", nodeClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const read = "/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1";
  try {
    const cases: [string, number, RegExp][] = [
      [`POST /api/mizan/call/recursive/ HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400, /not valid HTTP/],
      [`get ${read} HTTP/1.1\r\nHost: a\r\n\r\n`, 400, /not valid HTTP/],
      [`GET ${read} HTTP/1.1\r\nHost: a\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, /over the server's limit/],
      [`GET ${read} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`, 400, /Host/],
      [`GET ${read} HTTP/1.1\r\nConnection: close\r\n\r\n`, 400, /Host/],
    ];
    for (const [text, status, message] of cases) {
      const answer = await exchange(port, text);
      const [head, body] = answer.split("\r\n\r\n") as [string, string];
      assert.ok(head.startsWith(`HTTP/1.1 ${status} `), `${text.slice(0, 40)}: ${head}`);
      assert.match(head.toLowerCase(), "cache-control: no-store");
      const error = (JSON.parse(body) as { error: { code: string; message: string } }).error;
      assert.is(error.code, "bad_request");
      assert.match(error.message, message);
    }
    assert.match(await exchange(port, `GET ${read} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200 /);
    assert.equal(errors, []);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("allowedHosts on the Fetch entry", async () => {
  const handler = createHandler({ routes: zoo, allowedHosts: ["app.example"] });
  assert.is((await handler(new Request("http://evil.example/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1"))).status, 403);
  assert.is((await handler(new Request("http://app.example/api/mizan/ctx/zoo/?color=red&id=a&mode=fast&priority=1"))).status, 200);
});

test.run();
