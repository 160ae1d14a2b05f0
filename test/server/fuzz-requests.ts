// Malformed requests over real HTTP, generated from a seed: bad JSON, wrong
// types, huge bodies, bodies nested thousands deep against recursive
// parameter types, numbers thousands of digits long, uploads the client
// aborts, odd paths and methods, prototype keys, bad percent-encoding, huge
// query strings. None may be a 5xx; every 4xx carries the error shape and
// `Cache-Control: no-store`; onError is never called. fuzz.test.ts runs a
// CI-sized sample, bench/server/fuzz.ts the full size.
import net from "node:net";
import { createHandler } from "mizan/server";
import { errorBodySchema } from "mizan/protocol";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { routes as cases } from "../../fixtures/projects/server-cases/expected/routes.js";
import { routes as zoo } from "../../fixtures/projects/type-zoo/expected/routes.js";
import { raw, serve, type RawRequest, type RawResponse, type Served } from "./helpers.js";

const CONCURRENCY = 24;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let next = random(0);
const int = (n: number) => Math.floor(next() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const chance = (p: number) => next() < p;

// Functions that throw on well-formed input (a fixture's deliberate bug, an
// unknown user) get only bodies that can never validate.
const THROWING = new Set(["explode", "updateProfile"]);
// Recursive parameter types (the type zoo's Tree and Json): their bodies are nested deep.
const RECURSIVE = new Set(["recursive", "generics", "nested"]);
const oddNames = ["", "constructor", "__proto__", "toString", "hasOwnProperty", "%ZZ", "%E0%A4%A", "%00", "..", ".", "a%2Fb", "%F0%9F%8E%89", "x".repeat(3000)];
const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "PURGE", "SEARCH", "REPORT", "LOCK", "MKCOL", "TRACE", "COPY", "MOVE", "UNLOCK", "LINK"];
const segments = ["ctx", "call", "CTX", "Call", "", "ctx%2F", "view", "%63tx"];
const bases = ["/api/mizan", "/api/mizan/", "/api", "", "/api/mizan/ctx/user/extra", "//api/mizan", "/api/mizan/../mizan", "/API/MIZAN"];

function junk(length: number): string {
  const alphabet = "abcXYZ019-_.~!$&'()*+,;=:@%/?#[]{}\"<>\\^`| ";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
  return out;
}

/** A number string thousands of digits long, valid or one character off: the pattern must refuse it in linear time. */
function longNumber(): string {
  const digits = "9".repeat(1000 + int(20_000));
  return pick([digits, digits + "x", "-" + digits + ".", digits + "e", "." + digits + "e+", digits + "." + digits]);
}

function queryValue(): string {
  if (chance(0.05)) return longNumber();
  return pick(["1", "-1", "1e309", "0x10", "NaN", "true", "yes", "", "%", "%ZZ", "%E0%A4%A", "a%00b", "日本", encodeURIComponent("a;b,c=d"), "x".repeat(int(200)), junk(8).replace(/[#&]/g, "")]);
}

function queryString(): string {
  if (chance(0.03)) return "?" + Array.from({ length: 4000 }, (_, i) => `k${i}=${"v".repeat(20)}`).join("&");
  if (chance(0.03)) return "?q=" + "%41".repeat(30_000);
  const keys = ["userId", "status", "tag", "limit", "q", "tags", "archived", "shard", "page", "priority", "color", "id", "mode", "flag", "__proto__", "constructor", "", "%ZZ", "userId[]", "a.b"];
  const parts = Array.from({ length: int(6) }, () => `${pick(keys)}=${queryValue()}`);
  return parts.length === 0 ? "" : "?" + parts.join("&");
}

const tables = [shop, cases, zoo] as const;
/** Per table: what /call/ can reach (functions with arguments), every function, the contexts. */
const pools = tables.map((table) => ({
  calls: Object.entries(table.functions).filter(([, entry]) => "args" in entry).map(([key]) => key),
  functions: Object.keys(table.functions),
  contexts: Object.keys(table.contexts),
}));

/** What an HTTP client can put on the request line: anything else is percent-encoded. */
function encodeLine(text: string): string {
  return text.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

function name(pool: readonly string[]): string {
  return chance(0.8) ? encodeURIComponent(pick(pool)) : pick(oddNames);
}

const slash = () => (chance(0.7) ? "/" : "");

/** Mostly requests that reach an endpoint, so validation is what gets exercised. */
function target(server: number): { method: string; path: string } {
  const pool = pools[server]!;
  const roll = next();
  const callable = chance(0.85) ? pool.calls : pool.functions;
  if (roll < 0.45) return { method: chance(0.9) ? "POST" : pick(methods), path: `/api/mizan/call/${name(callable)}${slash()}${chance(0.2) ? queryString() : ""}` };
  if (roll < 0.7) return { method: chance(0.85) ? "GET" : pick(methods), path: `/api/mizan/ctx/${name(pool.contexts)}${slash()}${queryString()}` };
  const method = pick(methods);
  if (roll < 0.8) return { method, path: pick(["/profile/", "/profile/x/", "/profile/%ZZ/", "/profile/1/2/", "/webhooks/stripe/x", "/search//refresh/", "/search/%E0%A4%A/refresh/", "/search/" + "%41".repeat(500) + "/refresh/", "/profile/-1e999/", `/profile/${longNumber()}/`]) + queryString() };
  if (roll < 0.9) return { method, path: "/" + junk(int(60)).replace(/[?#\s"<>\\^`{|}]/g, "") };
  return { method, path: `${pick(bases)}/${pick(segments)}/${name([...pool.functions, ...pool.contexts])}${slash()}${queryString()}` };
}

function deep(depth: number): string {
  return chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** A well-typed Tree or Json nested `depth` levels: only the depth bound refuses it. */
function deepTyped(depth: number): string {
  const tree = '{"children":['.repeat(depth) + '{"children":[],"value":1}' + '],"value":1}'.repeat(depth);
  const json = chance(0.5) ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"k":'.repeat(depth) + "null" + "}".repeat(depth);
  return chance(0.5) ? `{"tree":${tree},"json":null}` : `{"tree":{"children":[],"value":1},"json":${json}}`;
}

/** A value of the wrong type, or a structure no schema accepts. */
function wrongValue(): unknown {
  return pick<unknown>([null, "1", -0.5, 1e308, true, [], [1, "2"], {}, { nested: { deeper: [null] } }, "x".repeat(int(500)), Number.MAX_SAFE_INTEGER + 2]);
}

function body(name: string): string | Buffer {
  const roll = THROWING.has(name) ? 0.3 + next() * 0.7 : next();
  // Valid but for want of a user: 401.
  if (name === "rename" && chance(0.3)) return '{"name":"n"}';
  if (RECURSIVE.has(name) && chance(0.4)) return deepTyped(100 + int(chance(0.2) ? 40_000 : 3_000));
  if (roll < 0.12) return pick(["{", "}", "[", "nul", '{"a":}', "{'a':1}", '{"a":1,}', '{"a" 1}', "\u0000", '"unterminated', "1 2", "{}{}", "[]", "null", "0", '"x"', "true"]);
  if (roll < 0.17) return Buffer.from(Array.from({ length: int(64) + 1 }, () => int(256)));
  if (roll < 0.2) return deep(10_000 + int(200_000));
  if (roll < 0.22) return JSON.stringify({ filler: "x".repeat(1024 * 1024 + int(100_000)) });
  if (roll < 0.3) return pick(['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"userId":1,"\\u005f_proto__":{}}', '{"patch":{"__proto__":null},"userId":1}', '{"product":{"__proto__":[]}}']);
  // Right key names, at least one wrong value.
  const keys = ["userId", "text", "name", "patch", "product", "q", "tags", "archived", "id", "shard"];
  const object: Record<string, unknown> = {};
  for (let i = 0; i < 1 + int(3); i++) object[pick(keys)] = wrongValue();
  if (chance(0.2)) object[pick(keys)] = pick<unknown>([1, "text", ["a"], false, { name: "n" }]);
  // A key no schema declares: strict schemas refuse it, whatever the rest says.
  if (THROWING.has(name)) object.undeclared = true;
  return JSON.stringify(object);
}

function headers(): Record<string, string> {
  const out: Record<string, string> = {};
  if (chance(0.8)) out["content-type"] = pick(["application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=-", "application/json;;", ";", "APPLICATION/JSON", "application/json, text/html"]);
  if (chance(0.3)) out.origin = pick(["null", "http://evil.example", "https://127.0.0.1", "file://", "http://127.0.0.1:1", "", "not a url"]);
  if (chance(0.1)) out["if-none-match"] = pick(["*", '"x"', "W/", ",,,", '"' + "a".repeat(1000) + '"']);
  if (chance(0.1)) out.authorization = pick(["Bearer x", "", "Basic " + "A".repeat(500)]);
  if (chance(0.05)) out["transfer-encoding"] = "chunked";
  return out;
}

function request(server: number): RawRequest {
  const { method, path } = target(server);
  const url = encodeLine(path);
  const name = decodeURIComponentSafe(url.split("?")[0]!.split("/").filter(Boolean).at(-1) ?? "");
  // Node's parser itself refuses a TRACE with a body, before any handler runs.
  const callName = url.includes("/call/") ? name : "";
  const sendBody = method !== "GET" && method !== "HEAD" && method !== "TRACE" && (chance(0.9) || THROWING.has(callName));
  return { method, path: url, headers: headers(), ...(sendBody ? { body: body(callName) } : {}) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function check(sent: RawRequest, response: RawResponse, seed: number): string | undefined {
  const where = `${sent.method} ${sent.path.slice(0, 120)} (seed ${seed})`;
  if (response.status >= 500) return `${response.status} for ${where}: ${response.body.slice(0, 200)}`;
  if (response.status < 400) return undefined;
  if (response.headers["cache-control"] !== "no-store") return `no no-store on ${response.status} for ${where}`;
  if (sent.method === "HEAD") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return `non-JSON ${response.status} for ${where}: ${response.body.slice(0, 200)}`;
  }
  return errorBodySchema.safeParse(parsed).success ? undefined : `bad error shape for ${where}: ${response.body.slice(0, 200)}`;
}

/**
 * Sends the request line, headers and part of the body, declaring more than
 * is sent, then destroys the socket: an upload the client gave up on.
 */
async function abortUpload(port: number, sent: RawRequest): Promise<void> {
  const bytes = Buffer.from(sent.body ?? "{}");
  const head = Object.entries(sent.headers ?? {})
    .filter(([name]) => name !== "transfer-encoding" && /^[\t\x20-\x7e]*$/.test(String(name)))
    .map(([name, value]) => `${name}: ${String(value).replace(/[^\t\x20-\x7e]/g, "")}\r\n`)
    .join("");
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(`${sent.method} ${sent.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}content-length: ${bytes.byteLength + 1 + int(5000)}\r\n\r\n`);
  socket.write(bytes.subarray(0, int(bytes.byteLength + 1)));
  await new Promise((resolve) => setTimeout(resolve, int(5)));
  socket.destroy();
}

export interface FuzzOutcome {
  /** Answered requests by status. */
  statuses: Map<number, number>;
  aborted: number;
  /** Requests sent again after a reset of a reused keep-alive connection. */
  resets: number;
  /** What broke a rule: a 5xx, a 4xx outside the error shape, no no-store. */
  failures: string[];
  /** What onError was told. */
  serverErrors: unknown[];
}

/** Runs `count` malformed requests (a share of them aborted uploads) against the shop, server-cases and type-zoo tables. */
export async function fuzz(count: number, seed: number): Promise<FuzzOutcome> {
  next = random(seed);
  const serverErrors: unknown[] = [];
  const onError = (error: unknown) => void serverErrors.push(error);
  const served: Served[] = [];
  for (const routes of tables) served.push(await serve(createHandler({ routes, onError })));
  const requests = Array.from({ length: count }, (_, i) => ({ server: i % tables.length, sent: request(i % tables.length), abort: chance(0.02) }));
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let aborted = 0;
  let resets = 0;
  let index = 0;
  const worker = async () => {
    while (index < requests.length) {
      const { server, sent, abort } = requests[index++]!;
      const port = served[server]!.port;
      if (abort && sent.body !== undefined) {
        await abortUpload(port, sent);
        aborted++;
        continue;
      }
      let response: RawResponse;
      try {
        // Once more on a reset: the keep-alive race, where the server closes a
        // pooled connection idle past its keepAliveTimeout just as it is reused.
        response = await raw(port, sent).catch((error: unknown) => {
          if ((error as { code?: string }).code !== "ECONNRESET") throw error;
          resets++;
          return raw(port, sent);
        });
      } catch (error) {
        failures.push(`${String(error)} for ${sent.method} ${sent.path.slice(0, 120)} ${JSON.stringify(sent.headers)} body ${String(sent.body).slice(0, 80)} (${String(sent.body).length})`);
        continue;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const failure = check(sent, response, seed);
      if (failure !== undefined) failures.push(failure);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // An abort is noticed by the server a moment after the socket closes.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    await Promise.all(served.map((s) => s.close()));
  }
  return { statuses, aborted, resets, failures, serverErrors };
}
