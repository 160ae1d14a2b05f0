// useContextQuery and useCall in a real React 19 renderer (react-dom in
// Chromium), against a fake Mizan server that counts every request.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { launchChromium, type Chromium } from "../support/chromium.js";
import type { PageSpec } from "./app/page.js";
import { bundlePage, ctxUrl, startFakeServer, type FakeServer } from "./harness.js";

let browser: Chromium;
let server: FakeServer;
let page: Page;
let problems: string[];

const USER1 = ctxUrl("user", "userId=1");
const USER2 = ctxUrl("user", "userId=2");
const USER1_PENDING = ctxUrl("user", "status=pending&userId=1");
const CATALOG = ctxUrl("catalog");
const NOTIFICATIONS = ctxUrl("notifications");

test.before(async () => {
  server = await startFakeServer(await bundlePage());
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

test.before.each(async () => {
  server.reset();
  problems = [];
  page = await browser.newPage();
  page.on("console", (message) => {
    if (message.type() == "error" || message.type() == "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(server.origin);
  await page.waitForFunction(() => window.harness !== undefined);
});

test.after.each(async () => {
  await page.close();
  // Failed fetches log network errors on purpose in some tests; anything else is a problem.
  assert.equal(problems.filter((text) => !text.startsWith("Failed to load resource")), []);
});

async function render(spec: PageSpec) {
  await page.evaluate((s) => window.harness.render(s), spec);
}

/** The data-* state of a panel, once `ready` holds for it in the page. */
async function panel(id: string) {
  return page.$eval(`#${id}`, (el) => ({
    status: el.getAttribute("data-status"),
    fetching: el.getAttribute("data-fetching"),
    loading: el.getAttribute("data-loading"),
    error: el.getAttribute("data-error"),
    text: el.textContent,
  }));
}

/** Waits until no panel on the page is fetching or pending. */
async function quiet() {
  await page.waitForFunction(() => document.querySelectorAll('[data-fetching="true"]').length == 0);
}

async function waitText(id: string, text: string) {
  await page.waitForFunction(([i, t]) => document.getElementById(i!)?.textContent == t, [id, text]);
}

const renders = (id: string) => page.evaluate((i) => window.harness.renders[i], id);

test("useContextQuery: loading, then the data; one request; one render per state", async () => {
  const release = server.hold(USER1);
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }] });
  await server.until(() => server.gets(USER1).length == 1, "the GET");
  assert.equal(await panel("a"), { status: "pending", fetching: "true", loading: "true", error: "", text: "" });
  release();
  await waitText("a", "Ada");
  assert.equal(await panel("a"), { status: "success", fetching: "false", loading: "false", error: "", text: "Ada" });
  assert.is(await renders("a"), 2, "loading, then success: stable snapshots, no extra renders");
  assert.is(server.log.length, 1);
});

test("components showing the same instance share one request; other params are other requests", async () => {
  await render({
    panels: [
      { kind: "user", id: "a", userId: 1 },
      { kind: "user", id: "b", userId: 1 },
      { kind: "user", id: "c", userId: 2 },
    ],
  });
  await waitText("a", "Ada");
  await waitText("b", "Ada");
  await waitText("c", "Brian");
  assert.is(server.gets(USER1).length, 1);
  assert.is(server.gets(USER2).length, 1);
  assert.is(server.log.length, 2);
});

test("a call's invalidation refetches exactly the matching panels, once each", async () => {
  server.onCall("updateProfile", (args) => {
    server.names.set(args.userId as number, (args.patch as { name: string }).name);
    return { result: { id: args.userId }, invalidate: [{ context: "user", params: { userId: args.userId as number } }] };
  });
  await render({
    panels: [
      { kind: "user", id: "u1", userId: 1 },
      { kind: "user", id: "u1p", userId: 1, status: "pending" },
      { kind: "user", id: "u2", userId: 2 },
      { kind: "catalog", id: "cat" },
      { kind: "notifications", id: "notes" },
      { kind: "caller", id: "save", stub: "updateProfile" },
    ],
  });
  await quiet();
  server.log.length = 0;
  await page.evaluate(() => window.harness.callers.save!.mutate(1, { name: "Ada L." }));
  await waitText("save", '{"id":1}');
  await quiet();
  assert.equal(await panel("u1"), { status: "success", fetching: "false", loading: "false", error: "", text: "Ada L." });
  assert.is((await panel("u1p")).text, "Ada L.");
  assert.equal(
    server.log.map((entry) => `${entry.method} ${entry.url}`).sort(),
    [`GET ${USER1_PENDING}`, `GET ${USER1}`, `POST /api/mizan/call/updateProfile/`],
  );
  assert.equal(server.log[0]!.body, { userId: 1, patch: { name: "Ada L." } });
});

test("many targets in one answer hitting the same instances: one refetch each; a broad target reaches every instance", async () => {
  server.onCall("notify", () => ({
    result: 3,
    invalidate: [
      "notifications",
      "user",
      { context: "user", fn: "userProfile", params: { userId: 1 } },
      { context: "user", params: { userId: 1 } },
    ],
  }));
  await render({
    panels: [
      { kind: "user", id: "u1", userId: 1 },
      { kind: "user", id: "u2", userId: 2 },
      { kind: "catalog", id: "cat" },
      { kind: "notifications", id: "notes" },
      { kind: "caller", id: "send", stub: "notify" },
    ],
  });
  await quiet();
  server.log.length = 0;
  await page.evaluate(() => window.harness.callers.send!.mutateAsync(1, "hello"));
  await waitText("send", "3");
  await quiet();
  const gets = server.log.filter((entry) => entry.method == "GET").map((entry) => entry.url).sort();
  assert.equal(gets, [NOTIFICATIONS, USER1, USER2].sort());
  assert.is(server.gets(CATALOG).length, 0);
});

test("useCall: pending, then error with the server's code; reset goes back to idle", async () => {
  server.onCall("updateName", () => ({ status: 400, error: { code: "bad_request", message: "Invalid arguments" } }));
  await render({ panels: [{ kind: "caller", id: "rename", stub: "updateName" }] });
  assert.equal(await panel("rename"), { status: "idle", fetching: "false", loading: "false", error: "", text: "" });
  const outcome = await page.evaluate(() =>
    window.harness.callers.rename!.mutateAsync(1, "x").then(
      () => "resolved",
      (error) => `${error.name} ${error.code} ${error.status}`,
    ),
  );
  assert.is(outcome, "MizanResponseError bad_request 400");
  await page.waitForFunction(() => document.getElementById("rename")!.dataset.status == "error");
  assert.is((await panel("rename")).error, "bad_request");
  await page.evaluate(() => window.harness.callers.rename!.reset());
  await page.waitForFunction(() => document.getElementById("rename")!.dataset.status == "idle");
  assert.is((await panel("rename")).error, "");
});

test("useCall: isPending while the call is in flight; mutate never rejects", async () => {
  server.onCall("updateName", () => ({ result: null }));
  const release = server.hold("/api/mizan/call/updateName/");
  await render({ panels: [{ kind: "caller", id: "rename", stub: "updateName" }] });
  await page.evaluate(() => window.harness.callers.rename!.mutate(1, "x"));
  await page.waitForFunction(() => document.getElementById("rename")!.dataset.status == "pending");
  assert.is((await panel("rename")).fetching, "true", "isPending");
  release();
  await page.waitForFunction(() => document.getElementById("rename")!.dataset.status == "success");
  assert.equal(await panel("rename"), { status: "success", fetching: "false", loading: "false", error: "", text: "null" });

  server.onCall("updateName", () => ({ status: 400, error: { code: "bad_request", message: "no" } }));
  await page.evaluate(() => window.harness.callers.rename!.mutate(1, "x"));
  await page.waitForFunction(() => document.getElementById("rename")!.dataset.status == "error");
  // An unhandled rejection would have been reported as a page error (checked after each test).
});

test("unmount aborts the request nobody needs and unregisters the instance", async () => {
  server.onCall("updateProfile", () => ({ result: null, invalidate: ["user"] }));
  server.hold(USER1);
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }, { kind: "caller", id: "save", stub: "updateProfile" }] });
  await server.until(() => server.gets(USER1).length == 1, "the GET");
  await render({ panels: [{ kind: "caller", id: "save", stub: "updateProfile" }] });
  await server.until(() => server.gets(USER1)[0]!.aborted, "the GET aborted");
  await page.evaluate(() => window.harness.callers.save!.mutateAsync(1, {}));
  await quiet();
  assert.is(server.gets(USER1).length, 1, "an unmounted instance is not refetched");
});

test("new params switch instance: the old request is aborted, the old instance no longer refetches", async () => {
  server.onCall("updateProfile", () => ({ result: null, invalidate: ["user"] }));
  server.hold(USER1);
  const caller = { kind: "caller", id: "save", stub: "updateProfile" } as const;
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }, caller] });
  await server.until(() => server.gets(USER1).length == 1, "the GET of user 1");
  await render({ panels: [{ kind: "user", id: "a", userId: 2 }, caller] });
  await waitText("a", "Brian");
  await server.until(() => server.gets(USER1)[0]!.aborted, "the GET of user 1 aborted");
  await page.evaluate(() => window.harness.callers.save!.mutateAsync(2, {}));
  await quiet();
  assert.is(server.gets(USER1).length, 1);
  assert.is(server.gets(USER2).length, 2, "mount, then the invalidation");
  assert.is((await panel("a")).text, "Brian");
});

test("the same params in a new object are the same instance: a re-render fetches nothing", async () => {
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }] });
  await waitText("a", "Ada");
  const before = await renders("a");
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }] });
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }] });
  await quiet();
  assert.is(server.gets(USER1).length, 1);
  assert.is(await renders("a"), before! + 2, "one render per parent render, none from the store");
});

test("enabled: false fetches nothing; enabling it mounts the instance", async () => {
  await render({ panels: [{ kind: "user", id: "a", userId: 1, enabled: false }] });
  assert.equal(await panel("a"), { status: "pending", fetching: "false", loading: "false", error: "", text: "" });
  await render({ panels: [{ kind: "user", id: "a", userId: 1, enabled: false }] });
  assert.is(server.log.length, 0);
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }] });
  await waitText("a", "Ada");
  assert.is(server.gets(USER1).length, 1);
});

test("errors are state; a failed refetch keeps the last data; the next success clears the error", async () => {
  server.onCall("updateName", () => ({ result: null, invalidate: [{ context: "user", params: { userId: 1 } }] }));
  server.failNext(USER1);
  await render({ panels: [{ kind: "user", id: "a", userId: 1 }, { kind: "caller", id: "rename", stub: "updateName" }] });
  await page.waitForFunction(() => document.getElementById("a")!.dataset.status == "error");
  assert.equal(await panel("a"), { status: "error", fetching: "false", loading: "false", error: "internal", text: "" });

  await page.evaluate(() => window.harness.callers.rename!.mutateAsync(1, "x"));
  await waitText("a", "Ada");
  assert.equal(await panel("a"), { status: "success", fetching: "false", loading: "false", error: "", text: "Ada" });

  server.failNext(USER1);
  await page.evaluate(() => window.harness.callers.rename!.mutateAsync(1, "x"));
  await page.waitForFunction(() => document.getElementById("a")!.dataset.status == "error");
  await quiet();
  assert.equal(await panel("a"), { status: "error", fetching: "false", loading: "false", error: "internal", text: "Ada" });
  assert.is(server.gets(USER1).length, 3);
});

test("StrictMode: the double mount keeps one instance and one request; no React warnings", async () => {
  await render({
    strict: true,
    panels: [
      { kind: "user", id: "a", userId: 1 },
      { kind: "catalog", id: "cat" },
    ],
  });
  await waitText("a", "Ada");
  await waitText("cat", "2");
  await quiet();
  assert.is(server.gets(USER1).length, 1);
  assert.is(server.gets(CATALOG).length, 1);
  assert.is(server.log.filter((entry) => entry.aborted).length, 0);
});

test.run();
