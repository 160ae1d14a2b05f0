// The generated shop client (fixtures/projects/shop/expected/client.ts, the
// compiler's expected output) over mizan/client, against the real
// createHandler serving the shop's generated route table over HTTP: the wire,
// the invalidation lists and the client's refetch counts, end to end.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { configure, getState, invalidateFromResponse, MizanResponseError, subscribe } from "mizan/client";
import { createHandler, toNodeListener } from "mizan/server";
import * as shop from "../../fixtures/projects/shop/expected/client.js";
import { routes } from "../../fixtures/projects/shop/expected/routes.js";
import { rejection, settle } from "../support/fake-fetch.js";

const { contexts } = shop;
const serverErrors: unknown[] = [];
const server = createServer(toNodeListener(createHandler({ routes, onError: (error) => serverErrors.push(error) })));
const gets: string[] = [];
let origin = "";

test.before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The generated endpoint takes its options from configure(): here, the server's origin and a counting fetch.
  configure({
    origin,
    fetch: (input, init) => {
      if ((init?.method ?? "GET") == "GET") gets.push(String(input).slice(origin.length));
      return fetch(input, init);
    },
  });
});

test.after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const PATHS = {
  user1: "/api/mizan/ctx/user/?userId=1",
  user1shipped: "/api/mizan/ctx/user/?status=shipped&userId=1",
  user2: "/api/mizan/ctx/user/?userId=2",
  catalog: "/api/mizan/ctx/catalog/",
  kitchen: "/api/mizan/ctx/catalog/?tag=kitchen",
  notifications: "/api/mizan/ctx/notifications/",
  subscription1: "/api/mizan/ctx/subscription/?userId=1",
};

function mountAll() {
  const offs = [
    subscribe(contexts.user, () => {}, { userId: 1 }),
    subscribe(contexts.user, () => {}, { userId: 1, status: "shipped" }),
    subscribe(contexts.user, () => {}, { userId: 2 }),
    subscribe(contexts.catalog, () => {}),
    subscribe(contexts.catalog, () => {}, { tag: "kitchen" }),
    subscribe(contexts.notifications, () => {}),
    subscribe(contexts.subscription, () => {}, { userId: 1 }),
  ];
  return () => offs.forEach((off) => off());
}

/** Mounts everything, waits for it, runs `act`, waits for the refetches; returns the GETs `act` caused. */
async function refetchedBy(act: () => Promise<unknown>) {
  const off = mountAll();
  await until(() => Object.values(PATHS).every((path) => gets.includes(path)) && idle());
  gets.length = 0;
  await act();
  await until(idle);
  const counts = Object.fromEntries(
    Object.entries(PATHS).map(([name, path]) => [name, gets.filter((g) => g == path).length]),
  );
  off();
  await settle();
  gets.length = 0;
  return counts;
}

const instances = (): { isFetching: boolean }[] => [
  getState(contexts.user, { userId: 1 }),
  getState(contexts.user, { userId: 1, status: "shipped" }),
  getState(contexts.user, { userId: 2 }),
  getState(contexts.catalog),
  getState(contexts.catalog, { tag: "kitchen" }),
  getState(contexts.notifications),
  getState(contexts.subscription, { userId: 1 }),
];
const idle = () => instances().every((state) => !state.isFetching);

/** Event-loop turns until `check` holds: real HTTP answers take an unknown number of them. */
async function until(check: () => boolean) {
  for (let turn = 0; !check(); turn++) {
    if (turn > 10_000) throw new Error("never settled");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const none = { user1: 0, user1shipped: 0, user2: 0, catalog: 0, kitchen: 0, notifications: 0, subscription1: 0 };

test("mounted instances read the server's context bundles", async () => {
  const off = mountAll();
  await until(() => getState(contexts.user, { userId: 1 }).status == "success" && idle());
  const user = getState(contexts.user, { userId: 1 }).data!;
  assert.is(user.userProfile?.name, "Ada");
  assert.is(user.userOrders[0]?.placedAt, "2026-01-02T03:04:05.000Z");
  assert.equal(getState(contexts.user, { userId: 1, status: "shipped" }).data?.userOrders.length, 1);
  assert.equal(getState(contexts.catalog, { tag: "kitchen" }).data?.products.map((p) => p.sku), ["mug"]);
  assert.equal(getState(contexts.subscription, { userId: 1 }).data, { subscription: { plan: "pro", renewsAt: null } });
  off();
  await settle();
  gets.length = 0;
});

test("updateProfile (auto-scoped by userId): user 1's instances refetch once, nothing else", async () => {
  const counts = await refetchedBy(async () => {
    assert.equal(await shop.updateProfile(1, { name: "Ada L." }), { id: 1, name: "Ada L.", email: "ada@example.com", tier: "pro" });
  });
  assert.equal(counts, { ...none, user1: 1, user1shipped: 1 });
});

test("updateName (function-level user.userProfile by userId): the whole user-2 instance refetches once", async () => {
  const counts = await refetchedBy(() => shop.updateName(2, "Bea"));
  assert.equal(counts, { ...none, user2: 1 });
});

test("notify (notifications, and user by userId): one refetch each of the matching instances", async () => {
  const counts = await refetchedBy(() => shop.notify(2, "hello"));
  assert.equal(counts, { ...none, notifications: 1, user2: 1 });
});

test("addProduct (broad catalog): every catalog instance once", async () => {
  const counts = await refetchedBy(() => shop.addProduct({ sku: "pan", title: "Pan", price: 30, tags: ["kitchen"] }));
  assert.equal(counts, { ...none, catalog: 1, kitchen: 1 });
});

test("three mutations at once: each instance refetches once per tick its answers land in", async () => {
  const counts = await refetchedBy(() =>
    Promise.all([shop.updateProfile(1, { email: "ada@example.org" }), shop.updateName(1, "Ada"), shop.notify(1, "x")]),
  );
  // Real HTTP answers may land in different ticks: at most one refetch per answer, at least one in all.
  assert.equal({ ...counts, user1: 0, user1shipped: 0, notifications: 0 }, none);
  for (const name of ["user1", "user1shipped"] as const) {
    const n = counts[name] ?? 0;
    assert.ok(n >= 1 && n <= 3, `${name}: ${n}`);
  }
  assert.is(counts.notifications, 1);
});

test("a view-path response's X-Mizan-Invalidate header refetches through invalidateFromResponse", async () => {
  const counts = await refetchedBy(async () => {
    const response = await fetch(`${origin}/webhooks/stripe/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: 1, plan: "free" }),
    });
    assert.is(response.status, 204);
    invalidateFromResponse(response);
  });
  assert.equal(counts, { ...none, subscription1: 1 });
  assert.equal((await (await fetch(`${origin}${PATHS.subscription1}`)).json()).subscription.plan, "free");
});

test("the server's errors reach the caller as MizanResponseError", async () => {
  const bad = (await rejection(shop.updateProfile("x" as unknown as number, {}))) as MizanResponseError;
  assert.instance(bad, MizanResponseError);
  assert.is(bad.status, 400);
  assert.is(bad.code, "bad_request");
  assert.ok(bad.issues!.some((issue) => issue.path[0] == "userId"));
  const failed = (await rejection(shop.updateProfile(999, {}))) as MizanResponseError;
  assert.is(failed.status, 500);
  assert.is(failed.code, "internal");
  assert.is(failed.message.includes("999"), false, "no exception text reaches the client");
  assert.is(serverErrors.length, 1);
});

test.run();
