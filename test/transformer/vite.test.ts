// mizan-gen/vite on real Vite builds and a real dev server (127.0.0.1, a
// port from the OS): the private-calls fixture fails a build with the same
// codes at the same places as tspc and the esbuild plugin; a clean app
// builds to the same bundle as without the plugin, after the plugin has
// generated the stubs it imports, and a second build writes nothing; in dev
// a bad module fails to transform, Chromium shows the coded error in Vite's
// overlay, and an edit of a server file regenerates the files and checks
// the client modules again.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, createLogger, createServer, type InlineConfig, type Rolldown, type ViteDevServer } from "vite";
import { mizanVite, type MizanViteOptions } from "../../transformer/vite.js";
import { checkoutThenRenameTwice } from "../support/checkout.js";
import { launchChromium } from "../support/chromium.js";
import { TRANSFORMER_FIXTURES, artifactProject, mizanErrors } from "./helpers.js";

const FIXTURE = join(TRANSFORMER_FIXTURES, "private-calls");
const SERVER = join(FIXTURE, "src/server");
const INDEX = `<!doctype html>\n<html><body><div id="app"></div><script type="module" src="/src/web/main.ts"></script></body></html>\n`;

/** The app's Vite config: its own folder, no config file, quiet. */
function config(root: string, plugin: MizanViteOptions | undefined, extra: InlineConfig = {}): InlineConfig {
  return { root, configFile: false, logLevel: "silent", plugins: plugin ? [mizanVite(plugin)] : [], ...extra };
}

async function buildFailure(inline: InlineConfig): Promise<Error & { errors?: Rolldown.RollupError[] }> {
  return build({ ...inline, build: { write: false } }).then(
    () => assert.unreachable("the build should fail") as never,
    (error: Error & { errors?: Rolldown.RollupError[] }) => error,
  );
}

function chunkCode(output: Awaited<ReturnType<typeof build>>): string {
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((o) => o.output).filter((c) => c.type === "chunk").map((c) => (c as Rolldown.OutputChunk).code).join("\n");
}

/** Polls until `check` holds (a watcher's work lands a moment after the edit). */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.unreachable(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CLEAN_MAIN = `import { upgrade } from "../../generated/client.js";
import { call, endpoint } from "mizan/client";
import { planLabel } from "./plan.js";

const api = endpoint("/api/mizan");
document.querySelector("#app")!.textContent = planLabel("free");
Object.assign(globalThis, { actions: { upgrade, again: () => api.call("upgrade", { userId: 2 }), up: () => call("upgrade", { userId: 1 }) } });
`;
const CLEAN_TSX = `export function planLabel(plan: "free" | "pro"): string {\n  return plan === "pro" ? "Pro" : "Free";\n}\n`;

test("build: the private-calls fixture fails with the same codes at the same places as tspc", async () => {
  const dir = artifactProject("vite-private-calls", {
    copy: { src: join(FIXTURE, "src") },
    files: {
      "index.html": INDEX,
      "src/web/main.ts": `import { onUpgrade } from "../ui/billing-page.js";\nimport { adminPanel } from "../ui/admin.js";\nimport { names } from "../ui/lookalikes.js";\nexport default [onUpgrade, adminPanel, names];\n`,
    },
  });
  const failure = await buildFailure(config(dir, { generate: true, client: ["src/ui/**"] }));
  const expected = mizanErrors(readFileSync(join(FIXTURE, "expected.txt"), "utf8")).sort();
  assert.equal(mizanErrors(failure.message).sort(), expected);
  assert.match(failure.message, /mizan: 6 errors in client code/);
  assert.match(failure.message, 'src/ui/billing-page.ts:13:20 - error MZ5002: client code calls "upgrad", which is not a @client function; did you mean "upgrade"?\n  hint: Call a function declared with @client');
  const error = failure.errors![0]!;
  assert.is(error.plugin, "mizan");
  assert.equal(error.loc, { file: join(dir, "src/ui/admin.ts"), line: 6, column: 32 });
  assert.match(error.frame!, /6 \|   const expire = Subscriptions\["expireTrials"\];\n\s+\| {32}\^{14}/);
  // The generator ran at build start over the app's tsconfig.
  const manifest = JSON.parse(readFileSync(join(dir, "generated/manifest.json"), "utf8"));
  assert.is(manifest.mutations.expireTrials.private, true);
});

test("build: a clean app bundles as without the plugin, after generating the stubs it imports; a second build writes nothing; build --watch regenerates", async () => {
  const dir = artifactProject("vite-clean", {
    copy: { "src/server": SERVER },
    files: { "index.html": INDEX, "src/web/main.ts": CLEAN_MAIN, "src/web/plan.tsx": CLEAN_TSX },
  });
  const generated = ["client.ts", "routes.ts", "manifest.json"].map((name) => join(dir, "generated", name));
  assert.not.ok(existsSync(generated[0]!), "no stubs before the build");
  const first = await build(config(dir, { generate: true }, { build: { write: false } }));
  const mtimes = generated.map((path) => statSync(path).mtimeMs);
  // The minifier quotes with backticks.
  assert.match(chunkCode(first), /`upgrade`/);

  const second = await build(config(dir, { generate: true }, { build: { write: false } }));
  assert.equal(generated.map((path) => statSync(path).mtimeMs), mtimes, "unchanged files are not rewritten");
  const without = await build(config(dir, undefined, { build: { write: false } }));
  assert.is(chunkCode(second), chunkCode(without));
  // Under build --watch (the first build answered from the record of the last run), an edit of a server
  // file that no client module imports regenerates and rebuilds.
  const billing = join(dir, "src/server/billing.ts");
  const events: string[] = [];
  const watcher = (await build(config(dir, { generate: true }, { build: { write: false, watch: {} } }))) as Rolldown.RolldownWatcher;
  try {
    watcher.on("event", (event) => {
      if (event.code === "START" || event.code === "END" || event.code === "ERROR") events.push(event.code);
      if ("result" in event) void event.result?.close();
    });
    await until("the first watch build ends", () => events.includes("END"));
    const edited = readFileSync(billing, "utf8").replace("static async upgrade", "static async downgrade(userId: number): Promise<void> {}\n\n  @client({ affects: Billing })\n  static async upgrade");
    // The watcher may still be settling just after a build: write again until a rebuild starts.
    let written = 0;
    await until("a rebuild starts", () => {
      if (written++ % 40 === 0) writeFileSync(billing, edited);
      return events.length > 2;
    });
    await until("the edit is rebuilt", () => events.at(-1) === "END");
  } finally {
    await watcher.close();
  }
  assert.not.ok(events.includes("ERROR"), events.join(" "));
  assert.ok(JSON.parse(readFileSync(generated[2]!, "utf8")).mutations.downgrade, "downgrade generated");

  // Checking against the manifest instead of generating: the same bundle.
  const manifestOnly = await build(config(dir, { manifest: "generated/manifest.json" }, { build: { write: false } }));
  assert.is(chunkCode(manifestOnly), chunkCode(without));
});

test("build: the project's set-up warnings (MZ6006) are Vite warnings, said by a warm start too; the build passes", async () => {
  const dir = artifactProject("vite-warning", {
    copy: { "src/server": SERVER },
    files: {
      "index.html": INDEX,
      "src/web/main.ts": CLEAN_MAIN,
      "src/web/plan.tsx": CLEAN_TSX,
      "node_modules/typescript/package.json": JSON.stringify({ name: "typescript", version: "5.6.3" }),
    },
  });
  const warned = async (): Promise<string[]> => {
    const warnings: string[] = [];
    const logger = createLogger("silent");
    logger.warn = (message) => void warnings.push(message);
    await build({ ...config(dir, { generate: true }, { build: { write: false } }), customLogger: logger });
    return warnings.filter((w) => w.includes("MZ6006"));
  };
  const cold = await warned();
  assert.is(cold.length, 1, cold.join("\n"));
  assert.match(cold[0]!, /^node_modules\/typescript\/package\.json:1:1 - warning MZ6006: the project's own TypeScript is 5\.6\.3/);
  assert.ok(existsSync(join(dir, "generated/client.ts")), "the files are written");
  // The second build answers from the record of the first, without loading TypeScript: the warning all the same.
  assert.equal(await warned(), cold);
});

test("build: the generator's errors fail the build, coded, at file:line:col; nothing is written", async () => {
  const dir = artifactProject("vite-server-error", {
    copy: { "src/server": SERVER },
    files: {
      "index.html": INDEX,
      "src/web/main.ts": `export const x = 1;\n`,
      "src/server/extra.ts": `import { client } from "mizan";\nimport { Billing } from "./contexts.js";\n\nclass Extra {\n  @client({ affects: Billing })\n  static async bump(userId: number): Promise<void> {}\n}\nexport const bump = (userId: number) => Extra.bump(userId);\n`,
    },
  });
  const failure = await buildFailure(config(dir, { generate: true }));
  assert.match(failure.message, "mizan: 1 error in the server code; nothing generated");
  assert.match(failure.message, "src/server/extra.ts:5:3 - error MZ1002: class `Extra` is not exported\n  hint: Declare the class at the top level of its module and export it as a value");
  assert.equal(failure.errors![0]!.loc, { file: join(dir, "src/server/extra.ts"), line: 5, column: 3 });
  assert.not.ok(existsSync(join(dir, "generated")), "nothing generated");
});

test("build: a missing manifest fails the build and names the file; no manifest nor generate is a usage error", async () => {
  const dir = artifactProject("vite-no-manifest", { files: { "index.html": INDEX, "src/web/main.ts": `export const x = 1;\n` } });
  const failure = await buildFailure(config(dir, { manifest: "generated/manifest.json" }));
  assert.match(failure.message, `cannot read the Mizan manifest ${dir}/generated/manifest.json`);
  assert.throws(() => mizanVite({}), /set `manifest` \(the generated manifest.json\) or `generate`/);
});

test("dev: a bad module fails to transform with the coded error, shown in Vite's overlay; a server edit regenerates and re-checks", async () => {
  const dir = artifactProject("vite-dev", {
    copy: { "src/server": SERVER },
    files: {
      "index.html": INDEX,
      "src/web/main.ts": `import { run } from "./bad.js";\nimport "./good.js";\nexport default run;\n`,
      "src/web/good.ts": CLEAN_MAIN,
      "src/web/plan.tsx": CLEAN_TSX,
      "src/web/bad.ts": `import { call } from "mizan/client";\n\nexport async function run(): Promise<void> {\n  await call("expireTrials", {});\n}\n`,
    },
  });
  const server: ViteDevServer = await createServer(
    config(dir, { generate: true, client: ["src/web/**"] }, { server: { host: "127.0.0.1", port: 0, strictPort: false } }),
  );
  const browser = await launchChromium();
  try {
    await server.listen();
    const url = server.resolvedUrls!.local[0]!;
    const client = server.environments.client;

    // The transform error, as Vite holds it.
    const error = await client.transformRequest("/src/web/bad.ts").then(
      () => assert.unreachable("bad.ts should fail to transform") as never,
      (e: Rolldown.RollupError) => e,
    );
    assert.is(error.plugin, "mizan");
    assert.match(error.message, 'src/web/bad.ts:4:14 - error MZ5001: client code calls "expireTrials", a private function');
    assert.equal(error.loc, { file: join(dir, "src/web/bad.ts"), line: 4, column: 14 });
    assert.match(error.frame!, /4 \|   await call\("expireTrials", \{\}\);\n\s+\| {14}\^{14}/);
    // Requested over HTTP, the module is a 500; the clean one is served.
    assert.is((await fetch(new URL("/src/web/bad.ts", url))).status, 500);
    const good = await fetch(new URL("/src/web/good.ts", url));
    assert.is(good.status, 200);

    // The page: Vite's overlay carries the coded message and the place.
    const page = await browser.newPage();
    await page.goto(url);
    const overlay = page.locator("vite-error-overlay");
    await overlay.waitFor({ timeout: 60000 });
    assert.match((await overlay.locator(".message-body").textContent()) ?? "", 'MZ5001: client code calls "expireTrials", a private function');
    assert.match((await overlay.locator(".file").textContent()) ?? "", /src\/web\/bad\.ts:4:14/);
    assert.match((await overlay.locator(".plugin").textContent()) ?? "", /mizan/);

    // Making `upgrade` private: the generator runs, and good.ts's calls of it are now refused.
    const manifestPath = join(dir, "generated/manifest.json");
    const billing = join(dir, "src/server/billing.ts");
    const original = readFileSync(billing, "utf8");
    writeFileSync(billing, original.replace("@client({ affects: Billing })\n  static async upgrade", "@client({ affects: Billing, private: true })\n  static async upgrade"));
    await until("upgrade is private in the manifest", () => JSON.parse(readFileSync(manifestPath, "utf8")).mutations.upgrade?.private === true);
    const refused = await until("good.ts is refused", async () => (await fetch(new URL("/src/web/good.ts", url))).status === 500).then(() =>
      client.transformRequest("/src/web/good.ts").then(
        () => assert.unreachable("good.ts should fail now") as never,
        (e: Error) => e,
      ),
    );
    const line7 = CLEAN_MAIN.split("\n")[6]!;
    const column = line7.indexOf('call("upgrade"') + 'call('.length + 1;
    assert.match(refused.message, `src/web/good.ts:7:${column} - error MZ5001: client code calls "upgrade", a private function`);

    // And back: regenerated again, good.ts is served.
    writeFileSync(billing, original);
    await until("upgrade is public again", () => JSON.parse(readFileSync(manifestPath, "utf8")).mutations.upgrade?.private !== true);
    await until("good.ts is served again", async () => (await fetch(new URL("/src/web/good.ts", url))).status === 200);

    // Fixed, bad.ts is served and the page reloads without the overlay.
    writeFileSync(join(dir, "src/web/bad.ts"), `export async function run(): Promise<void> {}\n`);
    await until("the overlay is gone", async () => (await overlay.count()) === 0);

    // A server error in dev: the open page's overlay says so, as does a page opened now; fixed, the page reloads.
    const extra = join(dir, "src/server/extra.ts");
    writeFileSync(extra, `import { client } from "mizan";\nimport { Billing } from "./contexts.js";\n\nclass Extra {\n  @client({ affects: Billing })\n  static async bump(userId: number): Promise<void> {}\n}\nexport const bump = (userId: number) => Extra.bump(userId);\n`);
    const messageOf = async (p: typeof page) =>
      (await p.locator("vite-error-overlay .message-body").textContent({ timeout: 1000 }).catch(() => "")) ?? "";
    await until("the overlay shows the server error", async () => (await messageOf(page)).includes("MZ1002: class `Extra` is not exported"));
    assert.match(await messageOf(page), "src/server/extra.ts:5:3 - error MZ1002");
    const later = await browser.newPage();
    await later.goto(url);
    await until("a page opened now shows it too", async () => (await messageOf(later)).includes("MZ1002"));
    writeFileSync(extra, `export const bump = (userId: number) => userId;\n`);
    await until("the overlay is gone again", async () => (await overlay.count()) === 0 && (await later.locator("vite-error-overlay").count()) === 0);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("dev: declarations written again under node_modules (a generated database client) regenerate the files", async () => {
  const model = (fields: string) => `export interface Model {\n  id: number;\n${fields}}\n`;
  const dir = artifactProject("vite-dev-node-modules", {
    files: {
      "index.html": INDEX,
      "node_modules/@acme/db/package.json": JSON.stringify({ name: "@acme/db", types: "index.d.ts" }),
      "node_modules/@acme/db/index.d.ts": model(""),
      "src/server/models.ts": `import { client, defineContext } from "mizan";
import type { Model } from "@acme/db";
export const Models = defineContext("models");
export class ModelsApi {
  @client({ context: Models })
  static async models(): Promise<Model[]> { return []; }
}
`,
      "src/web/main.ts": `export const ready = true;\n`,
    },
  });
  const server = await createServer(config(dir, { generate: true, client: ["src/web/**"] }, { server: { host: "127.0.0.1", port: 0 } }));
  const clientFile = join(dir, "generated/client.ts");
  try {
    await server.listen();
    await until("the first generation", () => existsSync(clientFile) && /interface Model/.test(readFileSync(clientFile, "utf8")));
    // Written whole and renamed over the old file, as \`prisma generate\` and package managers write.
    const declarations = join(dir, "node_modules/@acme/db/index.d.ts");
    writeFileSync(`${declarations}.tmp`, model("  name: string;\n"));
    renameSync(`${declarations}.tmp`, declarations);
    await until("Model's new field", () => /interface Model \{\n  id: number;\n  name: string;\n\}/.test(readFileSync(clientFile, "utf8")));
  } finally {
    await server.close();
  }
});

test("dev: a server file added is followed; a server folder renamed is one update, its error reported once", async () => {
  const dir = artifactProject("vite-dev-rename", {
    files: {
      "index.html": INDEX,
      "src/server/models/note.ts": `export interface Note {\n  id: number;\n}\n`,
      "src/server/notes.ts": `import { client, defineContext } from "mizan";
import type { Note } from "./models/note.js";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(): Promise<Note[]> { return []; }
}
`,
      "src/web/main.ts": `export const ready = true;\n`,
    },
  });
  const errors: string[] = [];
  const infos: string[] = [];
  const logger = createLogger("silent");
  logger.error = (message) => void errors.push(message);
  logger.info = (message) => void infos.push(message);
  const server = await createServer({ ...config(dir, { generate: true, client: ["src/web/**"] }, { server: { host: "127.0.0.1", port: 0 } }), customLogger: logger });
  try {
    await server.listen();
    await until("the first generation", () => existsSync(join(dir, "generated/client.ts")));
    // A file added is followed (the project's file list read again). The plugin's watcher reports nothing
    // until its first scan is done, so a file is added every few seconds until one is seen.
    const probed = () => /function probe\d+\(/.test(readFileSync(join(dir, "generated/client.ts"), "utf8"));
    for (let i = 0; !probed(); i++) {
      assert.ok(i < 20, "no added file was ever followed");
      const probe = `import { client } from "mizan";\nimport { Notes } from "./notes.js";\nexport class Probe${i} {\n  @client({ affects: Notes })\n  static async probe${i}(): Promise<void> {}\n}\n`;
      writeFileSync(join(dir, `src/server/probe${i}.ts`), probe);
      await until("a probe's function", probed, 3000).catch(() => undefined);
    }
    renameSync(join(dir, "src/server/models"), join(dir, "src/server/renamed"));
    await until("the error", () => errors.some((e) => e.includes("MZ2008")));
    // Long enough for a second update of the same rename to have been reported.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.is(errors.filter((e) => e.includes("MZ2008")).length, 1, errors.join("\n"));
    // Renamed back: the terminal, which showed the error, says it is gone.
    renameSync(join(dir, "src/server/renamed"), join(dir, "src/server/models"));
    await until("the fix reported", () => infos.some((i) => i.includes("the server code's errors are fixed")));
  } finally {
    await server.close();
  }
});

test("dev: a generated file deleted, overwritten, or the out folder removed, is written again", async () => {
  const dir = artifactProject("vite-dev-output", {
    files: {
      "index.html": INDEX,
      "src/server/notes.ts": `import { client, defineContext } from "mizan";\nexport const Notes = defineContext("notes");\nexport class NotesApi {\n  @client({ context: Notes })\n  static async notes(): Promise<string[]> { return []; }\n}\n`,
      "src/web/main.ts": `export const ready = true;\n`,
    },
  });
  const generated = (name: string) => join(dir, "generated", name);
  const server = await createServer(config(dir, { generate: true, client: ["src/web/**"] }, { server: { host: "127.0.0.1", port: 0 } }));
  try {
    await server.listen();
    await until("the first generation", () => existsSync(generated("client.ts")));
    const texts = Object.fromEntries(["client.ts", "routes.ts", "manifest.json"].map((name) => [name, readFileSync(generated(name), "utf8")]));
    const restored = () => Object.entries(texts).every(([name, text]) => existsSync(generated(name)) && readFileSync(generated(name), "utf8") === text);
    // The watcher of the generated files may not be ready at once: deleted again until it is written back.
    let tries = 0;
    await until("client.ts written back", () => {
      if (tries++ % 40 === 0) rmSync(generated("client.ts"), { force: true });
      return restored();
    });
    writeFileSync(generated("routes.ts"), "// edited by hand\n");
    await until("routes.ts written again", restored);
    rmSync(join(dir, "generated"), { recursive: true });
    await until("the out folder written again", restored);
    rmSync(generated("manifest.json"));
    await until("manifest.json written back after the folder came back", restored);
  } finally {
    await server.close();
  }
});

test("dev: a server folder beside Vite's root, removed and restored by a checkout, is still followed through two renames", async () => {
  // Vite's own watcher covers its root alone, and loses a folder after such a checkout; the plugin's watcher
  // covers the tsconfig's folder and is made anew after folders come or go.
  const feature = (i: number) =>
    `import { client } from "mizan";\nimport { C } from "../ctx.js";\nexport class F${i} {\n  @client({ context: C })\n  static async f${i}(): Promise<number> { return 1; }\n}\n`;
  const dir = artifactProject("vite-dev-checkout", {
    files: {
      "web/index.html": INDEX.replace("/src/web/main.ts", "/main.ts"),
      "web/main.ts": `export const ready = true;\n`,
      "server/ctx.ts": `import { defineContext } from "mizan";\nexport const C = defineContext("c");\n`,
      "server/feat/f1.ts": feature(1),
      "server/feat/f2.ts": feature(2),
    },
    include: ["server"],
  });
  const client = () => (existsSync(join(dir, "generated/client.ts")) ? readFileSync(join(dir, "generated/client.ts"), "utf8") : "");
  const server = await createServer(config(join(dir, "web"), { generate: { project: "../tsconfig.json" } }, { server: { host: "127.0.0.1", port: 0 } }));
  try {
    await server.listen();
    await until("the first generation", () => /f2/.test(client()));
    // The watcher reports nothing until its first scan is done: a file is added every few seconds until one is seen.
    for (let i = 0; !/probe/.test(client()); i++) {
      assert.ok(i < 20, "no added file was ever followed");
      writeFileSync(join(dir, `server/probe${i}.ts`), feature(1).replaceAll("f1", `probe${i}`).replace("../ctx.js", "./ctx.js"));
      await until("a probe's function", () => /probe/.test(client()), 3000).catch(() => undefined);
    }
    const third = await checkoutThenRenameTwice(dir, "server/feat", "server/ctx.ts");
    writeFileSync(join(third, "f2.ts"), feature(2).replace("f2()", "inThird()"));
    await until("the function renamed in the folder renamed twice", () => /inThird/.test(client()), 15000);
  } finally {
    await server.close();
  }
});

test("dev, with a manifest written elsewhere: its creation and changes re-check the client modules", async () => {
  const dir = artifactProject("vite-dev-manifest", {
    files: {
      "index.html": INDEX,
      "src/web/main.ts": `import { call } from "mizan/client";\nexport const up = () => call("upgrade", { userId: 1 });\n`,
    },
  });
  const manifestPath = join(dir, "manifest.json");
  const manifest = (upgradeIsPrivate: boolean) =>
    JSON.stringify({ base_path: "/api/mizan", contexts: {}, mutations: { upgrade: { affects: [], auto_scoped_params: {}, methods: ["POST"], private: upgradeIsPrivate, route: null } } });
  const server = await createServer(config(dir, { manifest: "manifest.json" }, { server: { host: "127.0.0.1", port: 0 } }));
  try {
    await server.listen();
    const url = server.resolvedUrls!.local[0]!;
    // No manifest yet: nothing to check against, the module is served (and the terminal and overlay say why).
    assert.is((await fetch(new URL("/src/web/main.ts", url))).status, 200);
    // As mizan-gen --watch in another terminal would write it.
    writeFileSync(manifestPath, manifest(true));
    await until("main.ts is refused", async () => (await fetch(new URL("/src/web/main.ts", url))).status === 500);
    const error = await server.environments.client.transformRequest("/src/web/main.ts").then(
      () => assert.unreachable("main.ts should fail now") as never,
      (e: Error) => e,
    );
    assert.match(error.message, 'src/web/main.ts:2:30 - error MZ5001: client code calls "upgrade", a private function');
    writeFileSync(manifestPath, manifest(false));
    await until("main.ts is served again", async () => (await fetch(new URL("/src/web/main.ts", url))).status === 200);
  } finally {
    await server.close();
  }
});

test.run();
