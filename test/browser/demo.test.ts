// The demo app (examples/) in Chromium: mutations made in the page, and the
// network requests counted. Each one must refetch exactly the matching
// context instances, once each, in the page that made it and (through the
// live stream) in a second tab, and nothing else. Ends with a screenshot in
// test/artifacts/demo.png.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { startDemo, type Demo } from "../../examples/server/app.js";
import { bundleWeb } from "../../examples/server/bundle.js";
import { launchChromium, type Chromium } from "../support/chromium.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ARTIFACTS = join(ROOT, "test/artifacts");
const CTX = "/api/mizan/ctx/";

/** A page and what it sent since the last look. */
interface Tab {
  page: Page;
  /** Context reads as `name?query`, e.g. `user?userId=1`. */
  reads: string[];
  /** Paths of POSTs. */
  posts: string[];
  problems: string[];
}

let publicDir: string;
let demo: Demo;
let browser: Chromium;

test.before(async () => {
  publicDir = await mkdtemp(join(tmpdir(), "mizan-demo-"));
  await bundleWeb(publicDir);
  demo = await startDemo({ port: 0, host: "127.0.0.1", publicDir });
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  await demo?.close();
  await rm(publicDir, { recursive: true, force: true });
});

async function openTab(): Promise<Tab> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const tab: Tab = { page, reads: [], posts: [], problems: [] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() === "GET" && url.pathname.startsWith(CTX)) {
      tab.reads.push(url.pathname.slice(CTX.length).replace(/\/$/, "") + url.search);
    } else if (request.method() === "POST") tab.posts.push(url.pathname);
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") tab.problems.push(message.text());
  });
  page.on("pageerror", (error) => tab.problems.push(String(error)));
  await page.goto(demo.url);
  // Connected before anything changes, or a push could pass it by.
  await page.waitForFunction(() => document.body.dataset.live === "open");
  return tab;
}

/** Takes what the tab read since the last look, counted per instance. */
function reads(tab: Tab): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const read of tab.reads.splice(0)) counts[read] = (counts[read] ?? 0) + 1;
  return counts;
}

function posts(tab: Tab): string[] {
  return tab.posts.splice(0);
}

/** Waits until each named panel has started this many fetches and none of them is fetching. */
async function settled(tab: Tab, fetches: Record<string, number>): Promise<void> {
  await tab.page.waitForFunction((expected) => {
    return Object.entries(expected).every(([id, n]) => {
      const panel = document.getElementById(id);
      return panel?.dataset.fetches === String(n) && panel.dataset.fetching === "false";
    });
  }, fetches);
}

/** The "fetched N×" counter of every panel on the page. */
function counters(tab: Tab): Promise<Record<string, number>> {
  return tab.page.$$eval("section.panel", (panels) =>
    Object.fromEntries(panels.map((panel) => [panel.id, Number((panel as HTMLElement).dataset.fetches)])),
  );
}

async function text(tab: Tab, selector: string): Promise<string> {
  return (await tab.page.locator(selector).textContent()) ?? "";
}

const INITIAL = {
  "user-1": 1,
  "subscription-1": 1,
  "user-2": 1,
  "subscription-2": 1,
  catalog: 1,
  notifications: 1,
};

test("the committed generated files match the demo's source", async () => {
  const cli = join(ROOT, "dist/compiler/cli/main.js");
  await promisify(execFile)(process.execPath, [cli, "-p", "examples/tsconfig.json", "--check"], { cwd: ROOT });
});

test("each mutation refetches exactly the matching context instances, once, here and in a second tab", async () => {
  const a = await openTab();
  await settled(a, INITIAL);
  assert.equal(reads(a), {
    "catalog": 1,
    "notifications": 1,
    "subscription?userId=1": 1,
    "subscription?userId=2": 1,
    "user?userId=1": 1,
    "user?userId=2": 1,
  });
  const b = await openTab();
  await settled(b, INITIAL);
  reads(b);

  // Rename Ada: updateProfile is auto-scoped by userId → user;userId=1 only.
  await a.page.fill("#user-1 input", "Ada Lovelace");
  await a.page.click("#user-1 button:text('Save name')");
  await settled(a, { "user-1": 2 });
  await settled(b, { "user-1": 2 });
  assert.equal(posts(a), ["/api/mizan/call/updateProfile/"]);
  assert.equal(reads(a), { "user?userId=1": 1 });
  assert.equal(reads(b), { "user?userId=1": 1 });
  assert.equal(posts(b), []);
  assert.equal(await text(a, "#user-1 .name"), "Ada Lovelace");
  assert.equal(await text(b, "#user-1 .name"), "Ada Lovelace");
  assert.equal(await text(a, "#user-2 .name"), "Brian");
  // The catalog's customer picker shows the same instance: renamed without a request of its own.
  assert.equal(await text(a, "#catalog option[value='1']"), "Ada Lovelace");
  // The page route renders the same data on the server.
  assert.match(await (await fetch(new URL("/profile/1/", demo.url))).text(), "<h1>Ada Lovelace</h1>");

  // An order for Brian: user;userId=2 (orders), catalog (stock), notifications (the staff inbox).
  await a.page.selectOption("#catalog select", "2");
  await a.page.click("#catalog li[data-sku='cap'] button");
  const afterOrder = { "user-2": 2, catalog: 2, notifications: 2 };
  await settled(a, afterOrder);
  await settled(b, afterOrder);
  assert.equal(posts(a), ["/api/mizan/call/placeOrder/"]);
  const orderReads = { "catalog": 1, "notifications": 1, "user?userId=2": 1 };
  assert.equal(reads(a), orderReads);
  assert.equal(reads(b), orderReads);
  assert.match(await text(a, "#user-2 .orders"), "#1002 Cap · $15 · paid");
  assert.equal(await text(a, "#catalog li[data-sku='cap'] .stock"), "2 left");
  assert.equal(await text(b, "#catalog li[data-sku='cap'] .stock"), "2 left");
  assert.equal(await text(a, "#notifications li.unread >> nth=0 >> span"), "Order #1002: Cap for Brian");

  // Mark it read: notifications only.
  await a.page.click("#notifications li.unread:has-text('Order #1002') button");
  await settled(a, { notifications: 3 });
  await settled(b, { notifications: 3 });
  assert.equal(posts(a), ["/api/mizan/call/markRead/"]);
  assert.equal(reads(a), { notifications: 1 });
  assert.equal(reads(b), { notifications: 1 });
  assert.equal(await text(a, "#notifications li.read span"), "Order #1002: Cap for Brian");
  assert.equal(await a.page.locator("#notifications li.unread").count(), 1);

  // The payment provider's webhook for Brian: its user id is in the body, so
  // the target is the whole subscription context: both customers' instances
  // refetch, in both tabs, and nothing else does.
  await a.page.click("#subscription-2 button.webhook");
  const afterWebhook = { "subscription-1": 2, "subscription-2": 2 };
  await settled(a, afterWebhook);
  await settled(b, afterWebhook);
  assert.equal(posts(a), ["/webhooks/stripe/"]);
  const webhookReads = { "subscription?userId=1": 1, "subscription?userId=2": 1 };
  assert.equal(reads(a), webhookReads);
  assert.equal(reads(b), webhookReads);
  assert.equal(await text(a, "#subscription-2 .plan"), "pro");
  assert.equal(await text(b, "#subscription-2 .plan"), "pro");
  assert.equal(await text(a, "#subscription-1 .plan"), "pro");

  // The counters a person sees agree with the network, in both tabs.
  const expected = { "user-1": 2, "subscription-1": 2, "user-2": 2, "subscription-2": 2, catalog: 2, notifications: 3 };
  assert.equal(await counters(a), expected);
  assert.equal(await counters(b), expected);
  assert.equal(posts(b), []);

  await mkdir(ARTIFACTS, { recursive: true });
  await a.page.screenshot({ path: join(ARTIFACTS, "demo.png"), fullPage: true });
  assert.equal(a.problems, []);
  assert.equal(b.problems, []);
});

test.run();
