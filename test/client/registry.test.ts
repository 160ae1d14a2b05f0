// The registry: one instance per (endpoint, context, params), its state,
// dedupe, ordering of answers, errors and teardown.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fetchContext, getState, invalidate, LOADING, MizanResponseError, refetch, subscribe } from "mizan/client";
import { fakeFetch, rejection, settle } from "../support/fake-fetch.js";
import { shopClient } from "../support/shop-client.js";

function setup() {
  const fake = fakeFetch();
  const shop = shopClient({ fetch: fake.fetch });
  return { fake, ...shop };
}

const profile = (name: string) => ({ userOrders: [], userProfile: { id: 1, name, email: "a@b.c", tier: "pro" } });

test("the first subscriber fetches; state goes from LOADING to the data", async () => {
  const { fake, contexts } = setup();
  let notified = 0;
  const off = subscribe(contexts.user, () => notified++, { userId: 1 });
  assert.is(getState(contexts.user, { userId: 1 }), LOADING);
  assert.is(LOADING.isLoading && LOADING.isFetching && LOADING.status === "pending", true);
  assert.equal(fake.requests.map((r) => [r.method, r.url]), [["GET", "/api/mizan/ctx/user/?userId=1"]]);
  fake.requests[0]!.respond(200, profile("Ada"));
  await settle();
  const state = getState(contexts.user, { userId: 1 });
  assert.equal(state.data, profile("Ada"));
  assert.is(state.status, "success");
  assert.is(state.error, null);
  assert.is(state.isLoading, false);
  assert.is(state.isFetching, false);
  assert.ok(state.updatedAt > 0);
  assert.is(notified, 1);
  assert.is(getState(contexts.user, { userId: 1 }), state, "a snapshot is stable until the state changes");
  off();
});

test("equal params are one instance, whatever their key order or undefined members", async () => {
  const { fake, contexts } = setup();
  const a = subscribe(contexts.user, () => {}, { userId: 1, status: "pending" });
  const b = subscribe(contexts.user, () => {}, { status: "pending", userId: 1 });
  const c = subscribe(contexts.catalog, () => {}, { tag: undefined });
  const d = subscribe(contexts.catalog, () => {}, {});
  const e = subscribe(contexts.catalog, () => {}, undefined);
  assert.equal(fake.requests.map((r) => r.url), ["/api/mizan/ctx/user/?status=pending&userId=1", "/api/mizan/ctx/catalog/"]);
  a(), b(), c(), d(), e();
});

test("params other than these are other instances", async () => {
  const { fake, contexts } = setup();
  const offs = [
    subscribe(contexts.user, () => {}, { userId: 1 }),
    subscribe(contexts.user, () => {}, { userId: 2 }),
    subscribe(contexts.user, () => {}, { userId: 1, status: "shipped" }),
  ];
  assert.is(fake.requests.length, 3);
  offs.forEach((off) => off());
});

test("GET query: names sorted, arrays as repeated keys in order, values percent-encoded", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.search, () => {}, { tags: ["b", "a;c"], q: "x&y z" });
  assert.is(fake.requests[0]!.url, "/api/mizan/ctx/search/?q=x%26y+z&tags=b&tags=a%3Bc");
  const query = new URL(fake.requests[0]!.url, "http://x").searchParams;
  assert.equal(query.getAll("tags"), ["b", "a;c"]);
  assert.is(query.get("q"), "x&y z");
  off();
});

test("the last unsubscribe aborts the request in flight and drops the instance", async () => {
  const { fake, contexts } = setup();
  const one = subscribe(contexts.user, () => {}, { userId: 1 });
  const two = subscribe(contexts.user, () => {}, { userId: 1 });
  one();
  await settle();
  assert.is(fake.requests[0]!.signal!.aborted, false, "a subscriber is left");
  two();
  await settle();
  assert.is(fake.requests[0]!.signal!.aborted, true);
  assert.is(getState(contexts.user, { userId: 1 }), LOADING, "no instance any more");
});

test("an unsubscribe followed in the same tick by a subscribe keeps the instance and its request", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  off();
  const again = subscribe(contexts.user, () => {}, { userId: 1 });
  await settle();
  assert.is(fake.requests.length, 1);
  assert.is(fake.requests[0]!.signal!.aborted, false);
  fake.requests[0]!.respond(200, profile("Ada"));
  await settle();
  assert.is(getState(contexts.user, { userId: 1 }).status, "success");
  again();
});

test("a remount after teardown starts afresh", async () => {
  const { fake, contexts } = setup();
  subscribe(contexts.user, () => {}, { userId: 1 })();
  await settle();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  assert.is(fake.requests.length, 2);
  off();
});

test("dedupe: fetchContext and refetch join the request in flight", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  const once = fetchContext(contexts.user, { userId: 1 });
  const twice = fetchContext(contexts.user, { userId: 1 });
  const again = refetch(contexts.user, { userId: 1 });
  assert.is(fake.requests.length, 1);
  fake.requests[0]!.respond(200, profile("Ada"));
  assert.equal(await Promise.all([once, twice, again]), [profile("Ada"), profile("Ada"), profile("Ada")]);
  const later = refetch(contexts.user, { userId: 1 });
  assert.is(fake.requests.length, 2, "a settled request is not reused");
  fake.requests[1]!.respond(200, profile("Bea"));
  assert.equal(await later, profile("Bea"));
  assert.equal(getState(contexts.user, { userId: 1 }).data, profile("Bea"));
  off();
});

test("a refetch replaced by an invalidation resolves with the newer answer", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  const waiting = refetch(contexts.user, { userId: 1 });
  invalidate(["user"], contexts.user.endpoint);
  await settle();
  assert.is(fake.requests[0]!.signal!.aborted, true);
  fake.requests[1]!.respond(200, profile("after the mutation"));
  assert.equal(await waiting, profile("after the mutation"));
  off();
});

test("a request aborted by teardown is not joined by the next mount in the same tick", async () => {
  const { fake, contexts } = setup();
  subscribe(contexts.user, () => {}, { userId: 1 })();
  await Promise.resolve();
  await Promise.resolve();
  assert.is(fake.requests[0]!.signal!.aborted, true);
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  assert.is(fake.requests.length, 2);
  fake.requests[1]!.respond(200, profile("Ada"));
  await settle();
  assert.is(getState(contexts.user, { userId: 1 }).status, "success");
  off();
});

test("fetchContext is a one-off read: nothing is stored", async () => {
  const { fake, contexts } = setup();
  const read = fetchContext(contexts.catalog);
  fake.requests[0]!.respond(200, { productCount: 0, products: [] });
  assert.equal(await read, { productCount: 0, products: [] });
  assert.is(getState(contexts.catalog), LOADING);
});

test("a shared request is aborted only when its last waiter aborts", async () => {
  const { fake, contexts } = setup();
  const a = new AbortController();
  const b = new AbortController();
  const first = fetchContext(contexts.catalog, {}, { signal: a.signal });
  const second = fetchContext(contexts.catalog, {}, { signal: b.signal });
  a.abort();
  assert.is((await rejection(first) as Error).name, "AbortError");
  assert.is(fake.requests[0]!.signal!.aborted, false);
  b.abort();
  assert.is((await rejection(second) as Error).name, "AbortError");
  assert.is(fake.requests[0]!.signal!.aborted, true);
  const third = fetchContext(contexts.catalog);
  assert.is(fake.requests.length, 2, "an aborted request is not joined");
  fake.requests[1]!.respond(200, { productCount: 1, products: [] });
  assert.is((await third).productCount, 1);
});

test("an already aborted signal rejects without a request", async () => {
  const { fake, contexts } = setup();
  const controller = new AbortController();
  controller.abort();
  assert.is((await rejection(fetchContext(contexts.catalog, {}, { signal: controller.signal })) as Error).name, "AbortError");
  assert.is(fake.requests.length, 0);
});

test("out of order: an older answer never overwrites a newer one", async () => {
  // A fetch that ignores abort, as some custom fetches do: only sequence numbers protect the state.
  const fake = fakeFetch();
  const deaf: typeof fetch = (input, init) => fake.fetch(input, { ...init, signal: undefined });
  const { contexts } = shopClient({ fetch: deaf });
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  // An invalidation is what starts a second request while one is in flight.
  invalidate(["user"], contexts.user.endpoint);
  await settle();
  assert.is(fake.requests.length, 2);
  fake.requests[1]!.respond(200, profile("new"));
  await settle();
  fake.requests[0]!.respond(200, profile("old"));
  await settle();
  assert.equal(getState(contexts.user, { userId: 1 }).data, profile("new"));

  // And the other order: the older answer lands first and is ignored; the state waits for the newer one.
  invalidate(["user"], contexts.user.endpoint);
  await settle();
  invalidate(["user"], contexts.user.endpoint);
  await settle();
  assert.is(fake.requests.length, 4);
  fake.requests[2]!.respond(200, profile("older"));
  await settle();
  assert.equal(getState(contexts.user, { userId: 1 }).data, profile("new"));
  assert.is(getState(contexts.user, { userId: 1 }).isFetching, true);
  fake.requests[3]!.respond(200, profile("newest"));
  await settle();
  assert.equal(getState(contexts.user, { userId: 1 }).data, profile("newest"));
  assert.is(getState(contexts.user, { userId: 1 }).isFetching, false);
  off();
});

test("errors are state; a failed refetch keeps the last good data", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  fake.requests[0]!.respond(500, { error: { code: "internal", message: "Internal error" } });
  await settle();
  let state = getState(contexts.user, { userId: 1 });
  assert.is(state.status, "error");
  assert.instance(state.error, MizanResponseError);
  assert.is((state.error as MizanResponseError).code, "internal");
  assert.is(state.data, undefined);
  assert.is(state.isLoading, false);

  invalidate(["user"], contexts.user.endpoint);
  await settle();
  state = getState(contexts.user, { userId: 1 });
  assert.is(state.isFetching, true);
  assert.is(state.isLoading, true, "still no data");
  fake.requests[1]!.respond(200, profile("Ada"));
  await settle();
  const good = getState(contexts.user, { userId: 1 });
  assert.is(good.status, "success");
  assert.is(good.error, null);

  invalidate(["user"], contexts.user.endpoint);
  await settle();
  assert.is(getState(contexts.user, { userId: 1 }).isLoading, false, "refetching with data is not loading");
  fake.requests[2]!.respond(400, { error: { code: "bad_request", message: "no", issues: [{ path: ["userId"], message: "bad" }] } });
  await settle();
  state = getState(contexts.user, { userId: 1 });
  assert.is(state.status, "error");
  assert.equal(state.data, profile("Ada"));
  assert.is(state.updatedAt, good.updatedAt);
  assert.is((state.error as MizanResponseError).status, 400);
  assert.equal((state.error as MizanResponseError).issues, [{ path: ["userId"], message: "bad" }]);
  off();
});

test("a network failure is kept as the fetch's own error", async () => {
  const { fake, contexts } = setup();
  const off = subscribe(contexts.user, () => {}, { userId: 1 });
  fake.requests[0]!.fail(new TypeError("Failed to fetch"));
  await settle();
  const state = getState(contexts.user, { userId: 1 });
  assert.is(state.status, "error");
  assert.instance(state.error, TypeError);
  off();
});

test("an answer that lands after teardown changes nothing and notifies no one", async () => {
  const fake = fakeFetch();
  const deaf: typeof fetch = (input, init) => fake.fetch(input, { ...init, signal: undefined });
  const { contexts } = shopClient({ fetch: deaf });
  let notified = 0;
  subscribe(contexts.user, () => notified++, { userId: 1 })();
  await settle();
  fake.requests[0]!.respond(200, profile("late"));
  await settle();
  assert.is(notified, 0);
  assert.is(getState(contexts.user, { userId: 1 }), LOADING);
});

test.run();
