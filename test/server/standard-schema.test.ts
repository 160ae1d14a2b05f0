// A parameter declared as a schema value's output (`z.infer<typeof S>`) is
// validated by that schema, refinements included: the route table of the
// `schemas` fixture, served over real HTTP. zod 4, zod 3's API, zod mini,
// valibot, ArkType and a hand-written Standard Schema; a brand's check in the query; defaults the
// client leaves out; async refinements awaited; a schema that throws refuses;
// schemas' outputs inside a parameter's type.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHandler } from "mizan/server";
import { routes } from "../../fixtures/projects/schemas/expected/routes.js";
import { fetchError, JSON_HEADERS, serve, type Served } from "./helpers.js";

const errors: { error: unknown; phase: string }[] = [];
let served: Served;

test.before(async () => {
  served = await serve(createHandler({ routes, onError: (error, info) => void errors.push({ error, phase: info.phase }) }));
});
test.after(() => served.close());
test.before.each(() => void (errors.length = 0));

const call = (fn: string, body: unknown) =>
  fetch(`${served.origin}/api/mizan/call/${fn}/`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) });
const read = (query: string) => fetch(`${served.origin}/api/mizan/ctx/members/?${query}`);
const member = { email: "ada@example.com", name: "Ada", joined: "2026-11-28T10:00:00.000Z" };
const ID = "0b7c3a5e-1f7e-4c8e-9a57-2a6f1f4b9c11";

async function issues(response: Response): Promise<{ path: (string | number)[]; message: string }[]> {
  const error = await fetchError(response, "bad_request");
  return error.issues as { path: (string | number)[]; message: string }[];
}

test("the schema's refinements hold: a bad email is a 400 naming the key", async () => {
  const found = await issues(await call("join", { member: { ...member, email: "not-an-email" } }));
  assert.equal(found.map((i) => i.path), [["member", "email"]]);
  assert.equal(errors, []);
});

test("the function gets the schema's output: the default filled in, the date a Date", async () => {
  const response = await call("join", { member });
  assert.is(response.status, 200);
  assert.equal(await response.json(), { invalidate: ["members"], result: { joined: member.joined, role: "member" } });
});

test("the wire is still read strictly first: an undeclared key is refused", async () => {
  const found = await issues(await call("join", { member: { ...member, admin: true } }));
  assert.equal(found.map((i) => i.path), [["member"]]);
});

test("zod 3's API validates, and an optional validated parameter left out skips its schema", async () => {
  assert.equal((await issues(await call("redeem", { coupon: { code: "save10", percent: 10 } }))).map((i) => i.path), [["coupon", "code"]]);
  assert.equal((await issues(await call("redeem", { coupon: { code: "SAVE10", percent: 95 } }))).map((i) => i.path), [["coupon", "percent"]]);
  assert.equal(await (await call("redeem", { coupon: { code: "SAVE10", percent: 10 } })).json(), { invalidate: ["members"], result: -10 });
  const withMember = await call("redeem", { coupon: { code: "SAVE10", percent: 10 }, member: { ...member, name: "" } });
  assert.equal((await issues(withMember)).map((i) => i.path), [["member", "name"]]);
});

test("valibot and ArkType validate, a valibot default filled in", async () => {
  assert.equal((await issues(await call("signup", { input: { email: "nope" } }))).map((i) => i.path), [["input", "email"]]);
  assert.equal((await issues(await call("signup", { input: { email: "ada@example.com", age: 12 } }))).map((i) => i.path), [["input", "age"]]);
  assert.equal(await (await call("signup", { input: { email: "ada@example.com" } })).json(), { invalidate: ["members"], result: 21 });
  assert.equal((await issues(await call("ticket", { ticket: { title: "ab", priority: "low" } }))).map((i) => i.path), [["ticket", "title"]]);
  assert.equal(await (await call("ticket", { ticket: { title: "abc", priority: "high" } })).json(), { invalidate: ["members"], result: "abc" });
});

test("any Standard Schema: a hand-written one's issues are the 400's", async () => {
  const found = await issues(await call("double", { value: 3 }));
  assert.equal(found, [{ path: ["value"], message: "expected an even number", code: "custom" } as never]);
  assert.equal(await (await call("double", { value: 4 })).json(), { invalidate: ["members"], result: 8 });
});

test("query parameters: the brand's uuid check, and zod mini's minimum on a number read from the query", async () => {
  assert.equal((await issues(await read("id=42"))).map((i) => i.path), [["id"]]);
  assert.equal((await issues(await read(`id=${ID}&page=0`))).map((i) => i.path), [["page"]]);
  const lastOrder = { gift: null, lines: [{ quantity: 1, sku: "ABC-123" }], note: "", owner: ID };
  assert.equal(await (await read(`id=${ID}`)).json(), { lastOrder, member: { id: ID, page: 1 } });
  assert.equal(await (await read(`id=${ID}&page=3`)).json(), { lastOrder, member: { id: ID, page: 3 } });
});

test("a parameter typed as the schema's input is checked by its type alone", async () => {
  assert.equal(await (await call("draft", { member: { ...member, email: "not-an-email" } })).json(), { invalidate: ["members"], result: "none" });
});

test("a schema that validates asynchronously is awaited: in a body and in a query", async () => {
  assert.equal((await issues(await call("rename", { name: "root" }))).map((i) => i.path), [["name"]]);
  assert.equal(await (await call("rename", { name: "ada" })).json(), { invalidate: ["members"], result: "ada" });
  assert.equal((await issues(await fetch(`${served.origin}/api/mizan/ctx/lists/?owner=root`))).map((i) => i.path), [["owner"]]);
  assert.equal(await (await fetch(`${served.origin}/api/mizan/ctx/lists/?owner=ada`)).json(), { list: "desc 20 ada", owners: 0 });
  assert.equal(errors, []);
});

test("a schema that throws refused the value: a 400 without the exception's text, and the process lives on", async () => {
  const found = await issues(await call("profile", { bio: null, homepage: "not a url" }));
  assert.equal(found, [{ path: ["homepage"], message: "the schema threw on this value", code: "custom" } as never]);
  assert.equal(await (await call("profile", { bio: null, homepage: "https://a.example" })).json(), { invalidate: ["members"], result: "none https://a.example" });
  assert.equal(errors, []);
});

test("an async refinement that rejects is a 400, with no unhandled rejection, on the first request and after", async () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => void unhandled.push(reason);
  process.on("unhandledRejection", listener);
  try {
    for (let i = 0; i < 3; i++) {
      const found = await issues(await call("vet", { name: "reject" }));
      assert.equal(found, [{ path: ["name"], message: "the schema threw on this value", code: "custom" } as never]);
      assert.equal((await issues(await call("vet", { name: "a" }))).map((i) => i.path), [["name"]]);
      assert.equal(await (await call("vet", { name: "ada" })).json(), { invalidate: ["members"], result: "ada" });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(unhandled, []);
    assert.equal(errors, []);
  } finally {
    process.off("unhandledRejection", listener);
  }
});

test("a schema whose output admits null is used: its refinements run, null passes", async () => {
  assert.equal((await issues(await call("profile", { bio: "  a " }))).map((i) => i.path), [["bio"]]);
  assert.equal(await (await call("profile", { bio: "  Ada  " })).json(), { invalidate: ["members"], result: "Ada -" });
});

test("members of an object schema validate query parameters, their defaults filled in when left out", async () => {
  assert.equal(await (await fetch(`${served.origin}/api/mizan/ctx/lists/`)).json(), { list: "desc 20 -", owners: 0 });
  assert.equal(await (await fetch(`${served.origin}/api/mizan/ctx/lists/?sort=asc&per=5`)).json(), { list: "asc 5 -", owners: 0 });
  assert.equal((await issues(await fetch(`${served.origin}/api/mizan/ctx/lists/?per=500`))).map((i) => i.path), [["per"]]);
});

test("inside a parameter's type: properties, array elements, a union with null and Partial<…> are validated by their schemas", async () => {
  const order = { lines: [{ sku: "ABC-123" }], gift: null, owner: ID, note: "" };
  const paths = async (body: unknown) => (await issues(await call("order", body))).map((i) => i.path);
  assert.equal(await paths({ order: { ...order, lines: [{ sku: "ABC-123" }, { sku: "abc" }] }, extra: [] }), [["order", "lines", 1, "sku"]]);
  assert.equal(await paths({ order: { ...order, owner: "42" }, extra: [] }), [["order", "owner"]]);
  assert.equal(await paths({ order: { ...order, gift: { sku: "ABC-123", quantity: 0 } }, extra: [] }), [["order", "gift", "quantity"]]);
  assert.equal(await paths({ order: { ...order, coupon: { code: "save10", percent: 10 } }, extra: [] }), [["order", "coupon", "code"]]);
  assert.equal(await paths({ order, extra: [{ sku: "ABC-123" }, { sku: "ABC-123", quantity: 1.5 }] }), [["extra", 1, "quantity"]]);
  assert.equal(await paths({ order, extra: [], more: [{ sku: "nope" }] }), [["more", 0, "sku"]]);
  assert.equal(await paths({ order, extra: [], patch: { lines: [{ sku: "nope" }] } }), [["patch", "lines", 0, "sku"]]);
  // The schemas' defaults are filled in: one line of 1 by default, 2 + 3 given, a gift of 1 by default.
  const body = { order: { ...order, gift: { sku: "GFT-001" } }, extra: [{ sku: "ABC-123", quantity: 2 }], patch: { lines: [{ sku: "ABC-123", quantity: 3 }] } };
  assert.equal(await (await call("order", body)).json(), { invalidate: ["members"], result: 7 });
  assert.equal(errors, []);
});

test("a recursive type holding a schema's output: validated at every depth", async () => {
  const folder = (owner: string, children: unknown[] = []) => ({ owner, children });
  const deep = folder(ID, [folder(ID), folder(ID, [folder("42")])]);
  assert.equal((await issues(await call("folders", { root: deep }))).map((i) => i.path), [["root", "children", 1, "children", 0, "owner"]]);
  assert.equal(await (await call("folders", { root: folder(ID, [folder(ID)]) })).json(), { invalidate: ["members"], result: 2 });
});

test("an array of a schema's outputs in a query string: each value validated", async () => {
  const owners = (query: string) => fetch(`${served.origin}/api/mizan/ctx/lists/?${query}`);
  assert.equal((await issues(await owners(`ids=${ID}&ids=42`))).map((i) => i.path), [["ids", 1]]);
  assert.equal(await (await owners(`ids=${ID}&ids=${ID}`)).json(), { list: "desc 20 -", owners: 2 });
});

test.run();
