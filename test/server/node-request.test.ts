// The node:http entry's shortcuts around Fetch objects: a plain request
// target is split without parsing a URL (it must give exactly the path and
// query the URL parser would), and authenticate gets a Request view whose
// headers, method and url need no Request, while every other member answers
// from the standard Request; its headers answer `get` from node:http's raw
// list and are otherwise the Headers that list fills.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler, type RouteTable } from "mizan/server";
import { routes as shop } from "../../fixtures/projects/shop/expected/routes.js";
import { NodeHeaders } from "../../runtime/server/node-headers.js";
import { requestHead } from "../../runtime/server/request-head.js";
import { requestTarget } from "../../runtime/server/request-target.js";
import { closeAgent, JSON_HEADERS, raw, serve } from "./helpers.js";

// Characters chosen to hit every rule of the URL parser's path and query handling.
const PIECES = ["/", "a", "Z", "0", ".", "..", "%2e", "%2E", "%41", "%", "?", "#", "\\", " ", "'", '"', "<", ">", "`", "{", "|", "^", "[", "\t", "é", "~", "!", "$", "&", "=", ";", ":", "@", "+", ","];
const HOSTS = ["127.0.0.1", "localhost", "app.example:8080", "Upper.example", "127.1", "999", "0x7f.1", "256.1.1.1", "a..b", "xn--nxasmq6b", "[::1]", "host:99999", "bad host", "", "a_b", "trailing.", "a/b", "a?b", "a#b", "u@a", "a\\b"];

test("a target split without a URL has exactly the URL parser's path and query", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), fc.constantFrom(...HOSTS), (pieces, host) => {
      const target = `/${pieces.join("")}`;
      const got = requestTarget(target, "http", host);
      let url: URL | undefined;
      try {
        url = new URL(`http://${host}${target}`);
      } catch {
        url = undefined;
      }
      // A Host that would make the URL another (a path, query or user in it; none at all) is refused.
      if (got === undefined && (host === "" || /[/?#@\\]/.test(host))) return;
      if (got === undefined) return assert.is(url, undefined, `${host} ${target}`);
      assert.ok(url !== undefined, `accepted what the URL parser refuses: ${host} ${target}`);
      if (got instanceof URL) return assert.is(got.href, url.href);
      assert.is(got.path, url.pathname, `${host} ${target}`);
      assert.is(got.search, url.search, `${host} ${target}`);
    }),
    { numRuns: 20_000, seed: 20261127 },
  );
});

test("the common targets take the plain split, anything the parser would rewrite does not", () => {
  assert.not.instance(requestTarget("/api/mizan/ctx/catalog/?limit=2", "http", "127.0.0.1:3000"), URL);
  assert.not.instance(requestTarget("/api/mizan/call/updateName/", "http", "app.example"), URL);
  for (const [target, host] of [
    ["/a/../b", "app.example"],
    ["/a/%2e%2e/b", "app.example"],
    ["/a b", "app.example"],
    ["/x", "APP.example"],
    ["/x", "127.1"],
  ] as const) {
    assert.instance(requestTarget(target, "http", host), URL, `${host} ${target}`);
  }
  assert.is(requestTarget("/x", "http", "bad host"), undefined);
  // `//evil/x` stays a path of our own origin.
  assert.equal(requestTarget("//evil.example/x", "http", "app.example"), { path: "//evil.example/x", search: "" });
});

test("the request view answers method, url and headers itself and everything else from the standard Request", async () => {
  let built = 0;
  const full = () => {
    built++;
    return new Request("http://app.example/p?q=1", { method: "POST", headers: { "x-a": "1" }, body: '{"a":1}' });
  };
  let headersRead = 0;
  const head = requestHead("POST", () => "http://app.example/p?q=1", () => (headersRead++, new Headers({ "x-a": "1", cookie: "s=1" })), full);
  assert.is(head.method, "POST");
  assert.is(head.url, "http://app.example/p?q=1");
  assert.instance(head.headers, Headers);
  assert.is(head.headers.get("cookie"), "s=1");
  assert.is(head.headers, head.headers, "one Headers");
  assert.is(headersRead, 1);
  assert.is(built, 0, "no Request built for method, url and headers");
  assert.equal(await head.json(), { a: 1 });
  assert.instance(head.signal, AbortSignal);
  assert.instance(head.clone(), Request);
  assert.ok(built >= 1);
});

const NAMES = ["Authorization", "authorization", "Cookie", "x-a", "X-A", "set-cookie", "Accept"];
const VALUES = ["u1", "", "a, b", "k=v; k2=v2", " padded ", "\tx", "é"];
const ASKED = [...NAMES, "x-b", "", "bad name", "é", "AUTHORIZATION"];

/** What the Headers does: its answer, or the name of what it threw. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}

/** The Headers a raw list fills, one append per pair (values Headers refuses are left out of the property). */
function filled(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

test("NodeHeaders joins several Cookie lines with `; `, as Headers and node:http do (an HTTP/2 client splits them)", () => {
  const raw = ["Cookie", "_ga=1", "x-a", "1", "cookie", "sid=abc", "X-A", "2"];
  const lazy = new NodeHeaders(raw);
  assert.is(lazy.get("cookie"), "_ga=1; sid=abc");
  assert.is(lazy.get("x-a"), "1, 2");
  assert.is(lazy.get("cookie"), filled(raw).get("cookie"));
});

test("NodeHeaders answers exactly as the Headers its raw list fills, before and after any other member", () => {
  const raw = fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)), { maxLength: 6 }).map((pairs) => pairs.flat());
  const step = fc.oneof(
    fc.record({ op: fc.constant("get" as const), name: fc.constantFrom(...ASKED) }),
    fc.record({ op: fc.constantFrom("has" as const, "delete" as const), name: fc.constantFrom(...ASKED) }),
    fc.record({ op: fc.constantFrom("set" as const, "append" as const), name: fc.constantFrom(...ASKED), value: fc.constantFrom(...VALUES) }),
    fc.record({ op: fc.constantFrom("entries" as const, "getSetCookie" as const) }),
  );
  fc.assert(
    fc.property(raw, fc.array(step, { maxLength: 6 }), (list, steps) => {
      const lazy = new NodeHeaders(list);
      const plain = filled(list);
      assert.instance(lazy, Headers);
      for (const s of steps) {
        const apply = (h: Headers) =>
          outcome(() => {
            switch (s.op) {
              case "entries":
                return [...h];
              case "getSetCookie":
                return h.getSetCookie();
              case "set":
              case "append":
                return h[s.op](s.name, s.value);
              case "get":
                return h.get(s.name);
              default:
                return h[s.op](s.name);
            }
          });
        assert.equal(apply(lazy), apply(plain), JSON.stringify({ list, s }));
      }
      assert.equal([...new Headers(lazy)], [...new Headers(plain)]);
      assert.equal([...new Request("http://x/", { headers: lazy }).headers], [...new Request("http://x/", { headers: plain }).headers]);
    }),
    { numRuns: 3_000, seed: 20261128 },
  );
});

test("authenticate on the node entry reads headers from the view, and a function still gets the standard Request", async () => {
  const seen: { instance: boolean; auth: string | null; url: string; method: string }[] = [];
  let functionRequest: unknown;
  const routes: RouteTable = {
    ...shop,
    functions: {
      ...shop.functions,
      userProfile: {
        ...shop.functions.userProfile!,
        run: (req) => {
          functionRequest = req.request;
          return { id: 1 };
        },
      },
    },
  };
  const server = await serve(
    createHandler({
      routes,
      authenticate: (request) => {
        seen.push({ instance: request instanceof Request, auth: request.headers.get("authorization"), url: request.url, method: request.method });
        return "u1";
      },
    }),
  );
  try {
    const read = await raw(server.port, { path: "/api/mizan/ctx/user/?userId=1", headers: { authorization: "u1" } });
    assert.is(read.status, 200);
    assert.equal(seen[0], { instance: false, auth: "u1", url: `${server.origin}/api/mizan/ctx/user/?userId=1`, method: "GET" });
    assert.instance(functionRequest, Request);
    const call = await raw(server.port, { method: "POST", path: "/api/mizan/call/updateName/", headers: JSON_HEADERS, body: '{"userId":1,"name":"A"}' });
    assert.is(call.status, 200);
    assert.is(seen[1]!.method, "POST");
  } finally {
    closeAgent();
    await server.close();
  }
});

test.run();
