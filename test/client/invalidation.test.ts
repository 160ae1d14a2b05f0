// Invalidation: which mounted instances refetch, and how many times.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fetchContext, getState, invalidate, invalidateFromResponse, subscribe } from "mizan/client";
import { fakeFetch, settle, type FakeFetch } from "../support/fake-fetch.js";
import { shopClient } from "../support/shop-client.js";

type Shop = ReturnType<typeof shopClient>;

/** Every GET is answered at once; calls wait for the test. */
function setup() {
  const fake = fakeFetch((r) => (r.method == "GET" ? { body: { n: fake.requests.length } } : undefined));
  const shop = shopClient({ fetch: fake.fetch });
  return { fake, ...shop };
}

/** Mounts the usual instances and returns a function that unmounts them all. */
function mountAll({ contexts }: Shop) {
  const offs = [
    subscribe(contexts.user, () => {}, { userId: 1 }),
    subscribe(contexts.user, () => {}, { userId: 2 }),
    subscribe(contexts.user, () => {}, { userId: 1, status: "pending" }),
    subscribe(contexts.catalog, () => {}, {}),
    subscribe(contexts.catalog, () => {}, { tag: "kitchen" }),
    subscribe(contexts.search, () => {}, { q: "mug", tags: ["a", "b"] }),
    subscribe(contexts.notifications, () => {}, {}),
  ];
  return () => offs.forEach((off) => off());
}

const PATHS = {
  user1: "/api/mizan/ctx/user/?userId=1",
  user2: "/api/mizan/ctx/user/?userId=2",
  user1pending: "/api/mizan/ctx/user/?status=pending&userId=1",
  catalog: "/api/mizan/ctx/catalog/",
  kitchen: "/api/mizan/ctx/catalog/?tag=kitchen",
  search: "/api/mizan/ctx/search/?q=mug&tags=a&tags=b",
  notifications: "/api/mizan/ctx/notifications/",
};

/** GET counts per instance since `from` (an index into the request log). */
function countsSince(fake: FakeFetch, from: number) {
  const counts: Record<string, number> = {};
  for (const [name, path] of Object.entries(PATHS)) {
    counts[name] = fake.requests.slice(from).filter((r) => r.method == "GET" && r.url == path).length;
  }
  return counts;
}

const none = { user1: 0, user2: 0, user1pending: 0, catalog: 0, kitchen: 0, search: 0, notifications: 0 };

async function afterInvalidating(targets: Parameters<typeof invalidate>[0]) {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  invalidate(targets, shop.api);
  await settle();
  const counts = countsSince(shop.fake, from);
  off();
  return counts;
}

test("every mounted instance fetched once on mount", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  assert.equal(countsSince(shop.fake, 0), { user1: 1, user2: 1, user1pending: 1, catalog: 1, kitchen: 1, search: 1, notifications: 1 });
  off();
});

test("a scoped target refetches exactly the instances whose params match", async () => {
  assert.equal(await afterInvalidating([{ context: "user", params: { userId: 1 } }]), { ...none, user1: 1, user1pending: 1 });
  // user1 was read without a status filter, so it holds the pending orders too.
  assert.equal(await afterInvalidating([{ context: "user", params: { userId: 1, status: "pending" } }]), { ...none, user1: 1, user1pending: 1 });
  assert.equal(await afterInvalidating([{ context: "user", params: { userId: 2, status: "pending" } }]), { ...none, user2: 1 });
  assert.equal(await afterInvalidating([{ context: "catalog", params: { tag: "kitchen" } }]), { ...none, catalog: 1, kitchen: 1 });
});

test("scoped values compare as strings, and an array param matches any of its values", async () => {
  assert.equal(await afterInvalidating([{ context: "user", params: { userId: "2" } }]), { ...none, user2: 1 });
  assert.equal(await afterInvalidating([{ context: "search", params: { tags: "b" } }]), { ...none, search: 1 });
  assert.equal(await afterInvalidating([{ context: "search", params: { tags: "c" } }]), none);
});

test("a broad target refetches every instance of its context", async () => {
  assert.equal(await afterInvalidating(["user"]), { ...none, user1: 1, user2: 1, user1pending: 1 });
  assert.equal(await afterInvalidating(["catalog", "notifications"]), { ...none, catalog: 1, kitchen: 1, notifications: 1 });
});

test("a function-level target refetches whole matching instances", async () => {
  assert.equal(await afterInvalidating([{ context: "user", fn: "userProfile", params: { userId: 2 } }]), { ...none, user2: 1 });
  assert.equal(await afterInvalidating([{ context: "user", fn: "userProfile" }]), { ...none, user1: 1, user2: 1, user1pending: 1 });
});

test("many targets hitting one instance in one tick: one refetch", async () => {
  const counts = await afterInvalidating([
    "user",
    { context: "user", params: { userId: 1 } },
    { context: "user", fn: "userOrders", params: { userId: 1 } },
    { context: "user", fn: "userProfile" },
  ]);
  assert.equal(counts, { ...none, user1: 1, user2: 1, user1pending: 1 });
});

test("several invalidations in one tick: one refetch per instance", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  invalidate([{ context: "user", params: { userId: 1 } }], shop.api);
  invalidate(["user"], shop.api);
  invalidate([{ context: "user", fn: "userProfile", params: { userId: 1 } }], shop.api);
  assert.is(shop.fake.requests.length, from, "nothing is fetched before the microtask flush");
  await settle();
  assert.equal(countsSince(shop.fake, from), { ...none, user1: 1, user2: 1, user1pending: 1 });
  off();
});

test("several mutations answered in one tick: one refetch per instance", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  const calls = [shop.updateProfile(1, { name: "Ada" }), shop.updateName(1, "Ada"), shop.notify(1, "hi")];
  const posts = shop.fake.open();
  assert.equal(posts.map((r) => r.url), ["/api/mizan/call/updateProfile/", "/api/mizan/call/updateName/", "/api/mizan/call/notify/"]);
  posts[0]!.respond(200, { result: { id: 1 }, invalidate: [{ context: "user", params: { userId: 1 } }] });
  posts[1]!.respond(200, { result: null, invalidate: [{ context: "user", fn: "userProfile", params: { userId: 1 } }] });
  posts[2]!.respond(200, { result: 7, invalidate: ["notifications", { context: "user", params: { userId: 1 } }] });
  assert.equal(await Promise.all(calls), [{ id: 1 }, null, 7]);
  await settle();
  assert.equal(countsSince(shop.fake, from), { ...none, user1: 1, user1pending: 1, notifications: 1 });
  off();
});

test("mutations answered in different ticks each refetch", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  const first = shop.updateName(1, "A");
  shop.fake.open()[0]!.respond(200, { result: null, invalidate: [{ context: "user", params: { userId: 2 } }] });
  await first;
  await settle();
  const second = shop.updateName(2, "B");
  shop.fake.open()[0]!.respond(200, { result: null, invalidate: [{ context: "user", params: { userId: 2 } }] });
  await second;
  await settle();
  assert.equal(countsSince(shop.fake, from), { ...none, user2: 2 });
  off();
});

test("a call without an invalidate key refetches nothing", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  const call = shop.addProduct({ sku: "x", title: "X", price: 1, tags: [] });
  shop.fake.open()[0]!.respond(200, { result: null });
  assert.is(await call, null);
  await settle();
  assert.equal(countsSince(shop.fake, from), none);
  off();
});

test("unmounted instances are never fetched", async () => {
  const shop = setup();
  const offUser = subscribe(shop.contexts.user, () => {}, { userId: 1 });
  const offCatalog = subscribe(shop.contexts.catalog, () => {}, {});
  await settle();
  offUser();
  await settle();
  const from = shop.fake.requests.length;
  invalidate(["user", "catalog"], shop.api);
  await settle();
  assert.equal(countsSince(shop.fake, from), { ...none, catalog: 1 });

  // Queued, then unmounted before the flush: still not fetched.
  const offAgain = subscribe(shop.contexts.user, () => {}, { userId: 2 });
  await settle();
  const before = shop.fake.requests.length;
  invalidate(["user"], shop.api);
  offAgain();
  await settle();
  assert.equal(countsSince(shop.fake, before), none);
  offCatalog();
});

test("a call invalidates on its own endpoint; invalidate() without one reaches every endpoint", async () => {
  const a = setup();
  const b = setup();
  const offs = [mountAll(a), mountAll(b)];
  await settle();
  const fromA = a.fake.requests.length;
  const fromB = b.fake.requests.length;
  const call = a.updateName(1, "x");
  a.fake.open()[0]!.respond(200, { result: null, invalidate: ["catalog"] });
  await call;
  await settle();
  assert.equal(countsSince(a.fake, fromA), { ...none, catalog: 1, kitchen: 1 });
  assert.equal(countsSince(b.fake, fromB), none);
  invalidate(["notifications"]);
  await settle();
  assert.equal(countsSince(a.fake, fromA), { ...none, catalog: 1, kitchen: 1, notifications: 1 });
  assert.equal(countsSince(b.fake, fromB), { ...none, notifications: 1 });
  offs.forEach((off) => off());
});

// A psr context's stale-while-revalidate would let the browser answer a mount after a mutation with its old copy.
test("every context fetch revalidates past the HTTP cache: the mount's and the invalidation's", async () => {
  const shop = setup();
  const off = subscribe(shop.contexts.user, () => {}, { userId: 1 });
  await settle();
  invalidate(["user"], shop.api);
  await settle();
  assert.equal(shop.fake.requests.map((r) => r.init.cache), ["no-cache", "no-cache"]);
  off();
});

test("an invalidation while a fetch is in flight aborts it and starts a fresh one", async () => {
  const fake = fakeFetch();
  const shop = shopClient({ fetch: fake.fetch });
  const off = subscribe(shop.contexts.user, () => {}, { userId: 1 });
  invalidate(["user"], shop.api);
  await settle();
  assert.is(fake.requests.length, 2);
  assert.is(fake.requests[0]!.signal!.aborted, true);
  fake.requests[1]!.respond(200, { fresh: true });
  await settle();
  assert.equal(getState(shop.contexts.user, { userId: 1 }).data, { fresh: true });
  off();
});

test("a read in flight from before an invalidation is not joined after it: a prefetch, then a mutation, then a mount", async () => {
  const fake = fakeFetch();
  const shop = shopClient({ fetch: fake.fetch });
  // A one-off read (a hover prefetch): no mounted instance owns it.
  const prefetch = fetchContext(shop.contexts.user, { userId: 1 });
  invalidate([{ context: "user", params: { userId: 1 } }], shop.api);
  const off = subscribe(shop.contexts.user, () => {}, { userId: 1 });
  await settle();
  assert.is(fake.requests.length, 2, "the mount starts a request of its own");
  fake.requests[0]!.respond(200, { before: true });
  fake.requests[1]!.respond(200, { after: true });
  assert.equal(await prefetch, { before: true }, "the prefetch, asked before, gets its own answer");
  await settle();
  assert.equal(getState(shop.contexts.user, { userId: 1 }).data, { after: true });
  // Without an invalidation between them, identical reads still share one request.
  const a = fetchContext(shop.contexts.user, { userId: 2 });
  const b = fetchContext(shop.contexts.user, { userId: 2 });
  await settle();
  assert.is(fake.requests.length, 3);
  fake.requests[2]!.respond(200, { shared: true });
  assert.equal(await Promise.all([a, b]), [{ shared: true }, { shared: true }]);
  off();
});

test("invalidateFromResponse applies the X-Mizan-Invalidate header of any response", async () => {
  const shop = setup();
  const off = mountAll(shop);
  await settle();
  const from = shop.fake.requests.length;
  const response = new Response(null, {
    status: 303,
    headers: { "X-Mizan-Invalidate": "user;userId=2, catalog.products;tag=kitchen, search;q=mug" },
  });
  assert.is(invalidateFromResponse(response, shop.api), response);
  await settle();
  // The unfiltered catalog instance lists kitchen products too.
  assert.equal(countsSince(shop.fake, from), { ...none, user2: 1, catalog: 1, kitchen: 1, search: 1 });
  invalidateFromResponse(new Response(null), shop.api);
  await settle();
  assert.equal(countsSince(shop.fake, from), { ...none, user2: 1, catalog: 1, kitchen: 1, search: 1 }, "no header: nothing");
  off();
});

test.run();
