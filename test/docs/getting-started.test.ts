// docs/getting-started.md, followed verbatim: every block that names a file
// (```ts file=src/books.ts) is written to it, every `sh` block is run in the
// app's folder (a `cd` in one carries to the next), in page order, in a fresh
// folder outside the repository. `npm install mizan` and `mizan-gen` install
// this repository's packed tarballs instead of the registry's. Then the app is
// served and its endpoints and React page are checked, the page in Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { launchChromium } from "../support/chromium.js";
import { ROOT } from "../support/compiler.js";
import { packBoth, sh } from "../support/pack.js";

interface Block {
  lang: string;
  file: string | undefined;
  text: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1]!,
    file: /\bfile=(\S+)/.exec(m[2]!)?.[1],
    text: m[3]!,
  }));
}

/** `npm install … mizan … mizan-gen …` → the packed tarballs; other words as written. */
function withTarballs(script: string, tarballs: Record<string, string>): string {
  return script
    .split("\n")
    .map((line) => (/^npm (?:install|i)\b/.test(line) ? line.split(" ").map((word) => tarballs[word] ?? word).join(" ") : line))
    .join("\n");
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const page = readFileSync(join(ROOT, "docs/getting-started.md"), "utf8");
const parent = mkdtempSync(join(tmpdir(), "mizan-getting-started-"));
let cwd = parent;

test("the page's blocks run in order: install, write, generate, check, build", () => {
  const packed = packBoth();
  const tarballs = { mizan: packed.mizan.path, "mizan-gen": packed.mizanGen.path };
  const all = blocks(page);
  assert.ok(all.filter((b) => b.file).length >= 8, "the page writes the app's files");
  assert.ok(all.filter((b) => b.lang === "sh").length >= 3, "the page runs commands");
  const cwdFile = join(parent, ".cwd");
  for (const block of all) {
    if (block.file !== undefined) {
      mkdirSync(dirname(join(cwd, block.file)), { recursive: true });
      writeFileSync(join(cwd, block.file), block.text);
    } else if (block.lang === "sh") {
      const script = `set -e\n${withTarballs(block.text, tarballs)}\npwd > '${cwdFile}'`;
      const run = sh(script.replace(/^npm install /gm, "npm install --no-audit --no-fund --prefer-offline --loglevel=error "), cwd);
      assert.is(run.status, 0, `this block failed:\n${block.text}\n${run.output}`);
      cwd = readFileSync(cwdFile, "utf8").trim();
    }
  }
  assert.ok(cwd.endsWith("/bookshelf"));
});

test("the served app answers as the page says, and its React page refetches exactly the reviews it changed", async () => {
  const port = await freePort();
  const server = spawn(process.execPath, ["dist/src/server.js"], { cwd, env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
  const browser = await launchChromium();
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on("data", (chunk: Buffer) => String(chunk).includes("listening") && resolve());
      server.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    });
    const origin = `http://127.0.0.1:${port}`;

    const books = await fetch(`${origin}/api/mizan/ctx/books/`);
    assert.is(books.status, 200);
    assert.match(books.headers.get("cache-control")!, /^public, s-maxage=60/);
    assert.is(await books.text(), '{"bookList":[{"id":1,"title":"Middlemarch"}]}');

    const privateCall = await fetch(`${origin}/api/mizan/call/catalogWebhook/`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.is(privateCall.status, 403);
    const webhook = await fetch(`${origin}/webhooks/catalog/`, { method: "POST", body: JSON.stringify({ title: "Persuasion" }) });
    assert.is(webhook.status, 204);
    assert.is(webhook.headers.get("x-mizan-invalidate"), "books");

    const shelve = await fetch(`${origin}/api/mizan/call/shelve/`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "reader=ada" },
      body: JSON.stringify({ bookId: 2 }),
    });
    assert.is(shelve.headers.get("x-mizan-invalidate"), "shelf");
    const shelf = await fetch(`${origin}/api/mizan/ctx/shelf/`, { headers: { cookie: "reader=ada" } });
    assert.is(shelf.headers.get("cache-control"), "private, no-cache");
    assert.is(await shelf.text(), '{"myShelf":[2]}');
    const otherShelf = await fetch(`${origin}/api/mizan/ctx/shelf/`, { headers: { cookie: "reader=bob" } });
    assert.is(await otherShelf.text(), '{"myShelf":[]}');

    const pageOne = await browser.newPage();
    const requests: string[] = [];
    pageOne.on("request", (request) => requests.push(new URL(request.url()).pathname + new URL(request.url()).search));
    await pageOne.goto(`${origin}/`);
    await pageOne.waitForFunction(() => document.querySelectorAll("#books li").length === 2);
    assert.equal(await pageOne.locator("#books li").allTextContents(), ["Middlemarch", "Persuasion"]);
    await pageOne.fill("input[aria-label=review]", "A whole world");
    const answer = pageOne.waitForResponse((response) => response.url().endsWith("/call/addReview/"));
    await pageOne.click("text=Add review");
    assert.is((await answer).headers()["x-mizan-invalidate"], "reviews;bookId=1");
    await pageOne.waitForFunction(() => document.querySelector("#reviews li")?.textContent === "A whole world");
    assert.equal(
      requests.filter((path) => path.startsWith("/api/mizan/ctx/")).sort(),
      ["/api/mizan/ctx/books/", "/api/mizan/ctx/reviews/?bookId=1", "/api/mizan/ctx/reviews/?bookId=1"],
      "one refetch of the reviews of book 1, none of the books",
    );

    const bookPage = await fetch(`${origin}/books/1/`);
    assert.match(await bookPage.text(), "<h1>Middlemarch</h1><ul><li>A whole world</li></ul>");
  } finally {
    await browser.close();
    server.kill();
  }
});

test.run();
