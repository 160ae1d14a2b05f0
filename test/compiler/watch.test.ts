// Watch mode: mizan-gen --watch regenerates on a change, and the
// incremental analysis behind it (files kept while neither they nor their
// imports change) always gives what a full run gives.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createAnalysisCache } from "../../compiler/core.js";
import { generate } from "../../compiler/generate.js";
import { coreInput, loadProject } from "../../compiler/host/project.js";
import { checkoutThenRenameTwice } from "../support/checkout.js";
import { CLI, tempProject } from "../support/compiler.js";

const FILES = {
  "src/types.ts": `export interface Note {\n  id: number;\n  text: string;\n}\n`,
  "src/notes.ts": `import { client, defineContext } from "mizan";
import type { Note } from "./types.js";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<Note[]> { return []; }
}
`,
  "src/tags.ts": `import { client, defineContext } from "mizan";
export const Tags = defineContext("tags");
export class TagsApi {
  @client({ context: Tags })
  static async tags(): Promise<string[]> { return []; }
}
`,
};

test("an edit to an imported type file re-analyses its importers only, and equals a full run", async () => {
  const dir = tempProject(FILES);
  const loaded = loadProject(join(dir, "tsconfig.json"));
  const cache = createAnalysisCache();
  const first = generate(coreInput(loaded, {}), cache);
  assert.ok(first.stats.filesAnalyzed >= 2, "both api files (and mizan's own source, which this repo's projects map in)");

  const types = join(dir, "src/types.ts");
  writeFileSync(types, FILES["src/types.ts"].replace("text: string;", "text: string;\n  pinned?: boolean;"));
  loaded.update([types]);
  const incremental = generate(coreInput(loaded, {}), cache, new Set([types]));
  assert.is(incremental.stats.filesAnalyzed, 1, "notes.ts imports types.ts; tags.ts does not");
  const client = incremental.files.find((f) => f.name === "client.ts")!.text;
  assert.match(client, /pinned\?: boolean/);

  const full = generate(coreInput(loadProject(join(dir, "tsconfig.json")), {}));
  assert.equal(incremental.files, full.files);
});

test("mizan-gen --watch regenerates when a file changes", async () => {
  const dir = tempProject(FILES);
  const child = spawn(process.execPath, [CLI, "--watch", "-p", join(dir, "tsconfig.json")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output}`)), 60_000);
      const check = () => {
        if (pattern.test(output)) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(check, 50);
      };
      check();
    });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    await waitFor(/watching for changes/);
    assert.match(output, /scanned 3 files: 2 functions, 2 contexts/);
    writeFileSync(
      join(dir, "src/tags.ts"),
      FILES["src/tags.ts"].replace("}\n}", "}\n  @client({ affects: Tags })\n  static async addTag(name: string): Promise<void> {}\n}"),
    );
    await waitFor(/3 functions, 2 contexts .*wrote client\.ts, manifest\.json, routes\.ts/);
    assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /export function addTag\(name: string\): Promise<void>/);

    writeFileSync(join(dir, "src/tags.ts"), FILES["src/tags.ts"].replace('"tags"', '"bad name"'));
    await waitFor(/error MZ3003/);
    assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /addTag/, "an error writes nothing");
  } finally {
    child.kill();
  }
});

/** mizan-gen --watch over a project; `next(pattern)` waits for output printed after the previous wait. */
function watching(dir: string) {
  const child = spawn(process.execPath, [CLI, "--watch", "-p", join(dir, "tsconfig.json")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let seen = 0;
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const next = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${output.slice(seen)}`)), 60_000);
      const check = () => {
        const match = pattern.exec(output.slice(seen));
        if (match) {
          clearTimeout(timer);
          seen += match.index + match[0].length;
          resolve(match[0]);
        } else setTimeout(check, 50);
      };
      check();
    });
  return { next, output: () => output, stop: () => child.kill() };
}

/** Waits (up to a minute) for a condition on what the watcher wrote. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`the generated files never showed ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const addFunction = (text: string, name: string) =>
  text.replace(/\}\n$/, `  @client({ affects: Tags })\n  static async ${name}(name: string): Promise<void> {}\n}\n`);

test("--watch keeps a file saved by rename, deleted and re-created, moved with its folder, or changed by a checkout", async () => {
  const dir = tempProject({ ...FILES, "src/extra/more.ts": FILES["src/tags.ts"].replace(/Tags/g, "More").replace(/tags/g, "more") });
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  writeFileSync(join(dir, ".gitignore"), "generated/\n");
  git("add", "-A");
  git("commit", "-qm", "start");
  const watcher = watching(dir);
  const tags = join(dir, "src/tags.ts");
  try {
    await watcher.next(/scanned 4 files: 3 functions, 3 contexts[^\n]*\n[^]*watching for changes/);

    // vim, JetBrains safe-write, sed -i: a new file renamed over the old one, twice; then an edit in place.
    let text = addFunction(FILES["src/tags.ts"], "one");
    writeFileSync(`${tags}.tmp`, text);
    renameSync(`${tags}.tmp`, tags);
    await watcher.next(/scanned 4 files: 4 functions, 3 contexts/);
    text = addFunction(text, "two");
    writeFileSync(`${tags}~`, text);
    renameSync(`${tags}~`, tags);
    await watcher.next(/scanned 4 files: 5 functions, 3 contexts/);
    writeFileSync(tags, addFunction(text, "three"));
    await watcher.next(/scanned 4 files: 6 functions, 3 contexts/);

    // Deleted, then created again.
    rmSync(tags);
    await watcher.next(/scanned 3 files: 2 functions, 2 contexts/);
    writeFileSync(tags, FILES["src/tags.ts"]);
    await watcher.next(/scanned 4 files: 3 functions, 3 contexts/);

    // A folder renamed: its file is still seen, and an edit there still counts.
    renameSync(join(dir, "src/extra"), join(dir, "src/moved"));
    await watcher.next(/scanned 4 files: 3 functions, 3 contexts/);
    const moved = join(dir, "src/moved/more.ts");
    writeFileSync(moved, addFunction(readFileSync(moved, "utf8").replace(/More\b/g, "Tags"), "inMoved"));
    await watcher.next(/scanned 4 files: 4 functions, 3 contexts/);
    assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /inMoved/);

    // A branch with one file more and one file less; checked out, then back.
    rmSync(join(dir, "src/moved"), { recursive: true });
    await watcher.next(/scanned 3 files: 2 functions, 2 contexts/);
    git("checkout", "-q", "-b", "feature");
    mkdirSync(join(dir, "src/feature"));
    writeFileSync(join(dir, "src/feature/flags.ts"), FILES["src/tags.ts"].replace(/Tags/g, "Flags").replace(/tags/g, "flags"));
    git("rm", "-q", "src/tags.ts");
    git("add", "-A");
    git("commit", "-qm", "feature");
    await watcher.next(/scanned 3 files: 2 functions, 2 contexts/);
    // A checkout writes files one by one, and a regeneration may see a state
    // in between (with the same counts): wait until the last one has the branch's API.
    const client = () => readFileSync(join(dir, "generated/client.ts"), "utf8");
    git("checkout", "-q", "main");
    await watcher.next(/scanned 4 files: 3 functions, 3 contexts/);
    await until(() => !/flags/.test(client()) && /"tags"/.test(client()), "main's API");
    git("checkout", "-q", "feature");
    await watcher.next(/scanned 3 files: 2 functions, 2 contexts/);
    await until(() => /flags/.test(client()) && !/"tags"/.test(client()), "feature's API");
  } finally {
    watcher.stop();
  }
});

test("--watch reports a folder renamed once: its removal and its files' arrival are one burst", async () => {
  const dir = tempProject({
    "src/models/note.ts": FILES["src/types.ts"],
    "src/notes.ts": FILES["src/notes.ts"].replace("./types.js", "./models/note.js"),
  });
  const watcher = watching(dir);
  const runs = () => watcher.output().match(/^mizan-gen: (?:scanned|\d+ errors?)/gm)?.length ?? 0;
  try {
    await watcher.next(/watching for changes/);
    for (const [from, to, pattern] of [
      ["models", "renamed", /error MZ2008[^]*nothing written/],
      ["renamed", "models", /scanned 2 files/],
    ] as const) {
      const before = runs();
      renameSync(join(dir, "src", from), join(dir, "src", to));
      await watcher.next(pattern);
      // Long enough for a second burst of the same rename to have been reported.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.is(runs(), before + 1, `one report for src/${from} renamed to src/${to}:\n${watcher.output()}`);
    }
  } finally {
    watcher.stop();
  }
});

test("--watch keeps following a folder that a checkout removed and restored, through two renames", async () => {
  // chokidar loses such a folder when a file beside it was renamed on the branch too: a rename of it then shows only the old name gone.
  const feature = (i: number) =>
    `import { client } from "mizan";\nimport { C } from "../ctx.js";\nexport class F${i} {\n  @client({ context: C })\n  static async f${i}(): Promise<number> { return 1; }\n}\n`;
  const dir = tempProject({
    "src/ctx.ts": `import { defineContext } from "mizan";\nexport const C = defineContext("c");\n`,
    "src/feat/f1.ts": feature(1),
    "src/feat/f2.ts": feature(2),
  });
  const watcher = watching(dir);
  const client = () => readFileSync(join(dir, "generated/client.ts"), "utf8");
  try {
    await watcher.next(/watching for changes/);
    const third = await checkoutThenRenameTwice(dir, "src/feat", "src/ctx.ts");
    writeFileSync(join(third, "f2.ts"), feature(2).replace("f2()", "inThird()"));
    await until(() => /inThird/.test(client()), "the function renamed in the folder renamed twice");
  } finally {
    watcher.stop();
  }
});

test("--watch writes the generated files again when one is deleted, the out folder removed, or a file replaced by other bytes", async () => {
  const dir = tempProject(FILES);
  const generated = (name: string) => join(dir, "generated", name);
  const all = () => ["client.ts", "manifest.json", "routes.ts"].every((name) => existsSync(generated(name)));
  const watcher = watching(dir);
  const runs = () => watcher.output().match(/^mizan-gen: (?:scanned|\d+ errors?)/gm)?.length ?? 0;
  try {
    await watcher.next(/watching for changes/);
    for (const remove of [
      () => rmSync(generated("routes.ts")),
      () => rmSync(join(dir, "generated"), { recursive: true }),
      // Again: the files written back are watched anew.
      () => rmSync(join(dir, "generated"), { recursive: true }),
      () => rmSync(generated("manifest.json")),
    ]) {
      const before = runs();
      remove();
      await until(all, "the deleted files written again");
      // Long enough for a run started by the watcher's own writes to have been reported.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.is(runs(), before + 1, `one run per deletion:\n${watcher.output()}`);
    }
    // Replaced by other bytes (`git checkout -- generated` of an older commit, a hand edit): written again, in one run.
    const routes = readFileSync(generated("routes.ts"), "utf8");
    for (const replace of [
      () => writeFileSync(generated("routes.ts"), "// an older routes.ts\n"),
      () => {
        rmSync(join(dir, "generated"), { recursive: true });
        mkdirSync(join(dir, "generated"));
        for (const name of ["client.ts", "manifest.json", "routes.ts"]) writeFileSync(generated(name), `// an older ${name}\n`);
      },
    ]) {
      const before = runs();
      replace();
      await until(() => existsSync(generated("routes.ts")) && readFileSync(generated("routes.ts"), "utf8") === routes, "the replaced files written again");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(runs() - before >= 1 && runs() - before <= 2, `a run for the replacement:\n${watcher.output()}`);
      assert.ok(readFileSync(generated("manifest.json"), "utf8").startsWith("{"), "every replaced file written again");
    }
    // Sources are still followed.
    writeFileSync(join(dir, "src/tags.ts"), addFunction(FILES["src/tags.ts"], "more"));
    await watcher.next(/3 functions, 2 contexts .*wrote client\.ts, manifest\.json, routes\.ts/);
  } finally {
    watcher.stop();
  }
  // The next run's record does not call files that are gone current.
  rmSync(join(dir, "generated"), { recursive: true });
  const run = execFileSync(process.execPath, [CLI, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  assert.match(run, /wrote client\.ts, manifest\.json, routes\.ts/);
  assert.match(execFileSync(process.execPath, [CLI, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" }), /up to date/);
  rmSync(generated("routes.ts"));
  assert.match(execFileSync(process.execPath, [CLI, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" }), /wrote routes\.ts\)/);
});

test("--watch follows what the program reads outside the folder: a package's declarations written again, a sibling package's source, the tsconfig", async () => {
  // A generated client under node_modules (as \`prisma generate\` writes it), and a source in a sibling folder (a monorepo's package).
  const shared = mkdtempSync(join(tmpdir(), "mizan-shared-"));
  const model = (fields: string) => `export interface Model {\n  id: number;\n${fields}}\n`;
  const dir = tempProject({
    "node_modules/@acme/db/package.json": JSON.stringify({ name: "@acme/db", types: "index.d.ts" }),
    "node_modules/@acme/db/index.d.ts": model(""),
    "src/api.ts": `import { client, defineContext } from "mizan";
import type { Model } from "@acme/db";
import type { Label } from "LABEL";
export const Models = defineContext("models");
export class ModelsApi {
  @client({ context: Models })
  static async models(): Promise<Model[]> { return []; }
  @client({ context: Models })
  static async label(): Promise<Label> { return { text: "" }; }
}
`,
  });
  const api = join(dir, "src/api.ts");
  writeFileSync(join(shared, "label.ts"), "export interface Label {\n  text: string;\n}\n");
  writeFileSync(api, readFileSync(api, "utf8").replace('"LABEL"', JSON.stringify(relative(join(dir, "src"), join(shared, "label.js")))));
  const client = () => readFileSync(join(dir, "generated/client.ts"), "utf8");
  const watcher = watching(dir);
  try {
    await watcher.next(/2 functions, 1 context[^\n]*\n[^]*watching for changes/);
    // Written whole and renamed over the old file, as generators and package managers do.
    const declarations = join(dir, "node_modules/@acme/db/index.d.ts");
    writeFileSync(`${declarations}.tmp`, model("  name: string;\n"));
    renameSync(`${declarations}.tmp`, declarations);
    await watcher.next(/wrote client\.ts/);
    assert.match(client(), /interface Model \{\n  id: number;\n  name: string;\n\}/);

    writeFileSync(join(shared, "label.ts"), "export interface Label {\n  text: string;\n  color: string;\n}\n");
    await watcher.next(/wrote client\.ts/);
    assert.match(client(), /interface Label \{\n  color: string;\n  text: string;\n\}/);

    const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"));
    tsconfig.compilerOptions.plugins[0].basePath = "/rpc";
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    await watcher.next(/wrote client\.ts, manifest\.json, routes\.ts/);
    assert.match(client(), /endpoint\("\/rpc"\)/);
  } finally {
    watcher.stop();
    rmSync(shared, { recursive: true, force: true });
  }
});

test("--watch follows a sibling package's entry that only re-exports, its files deleted and re-created, and a type that did not resolve", async () => {
  const shared = mkdtempSync(join(tmpdir(), "mizan-shared-"));
  const api = (name: string) => FILES["src/tags.ts"].replace(/Tags/g, name).replace(/tags/g, name.toLowerCase());
  writeFileSync(join(shared, "users.ts"), api("Users"));
  writeFileSync(join(shared, "index.ts"), `export { UsersApi, Users } from "./users.js";\n`);
  const item = (fields: string) => `export interface Item {\n  id: number;\n${fields}}\n`;
  const dir = tempProject({
    "src/types/item.ts": item(""),
    "src/types/tag.ts": "export interface Tag {\n  label: string;\n}\n",
    "src/items.ts": `import { client, defineContext } from "mizan";
import type { Item } from "./types/item.js";
export const Items = defineContext("items");
export class ItemsApi {
  @client({ context: Items })
  static async items(): Promise<Item[]> { return []; }
  @client({ context: Items })
  static async first(): Promise<import("./types/tag.js").Tag | null> { return null; }
}
`,
  });
  // The project's only link to the package: a file that re-exports it, which mizan-gen follows without parsing.
  writeFileSync(join(dir, "src/main.ts"), `export { UsersApi } from ${JSON.stringify(relative(join(dir, "src"), join(shared, "index.js")))};\n`);
  const client = () => readFileSync(join(dir, "generated/client.ts"), "utf8");
  const watcher = watching(dir);
  try {
    await watcher.next(/3 functions, 2 contexts[^\n]*\n[^]*watching for changes/);
    // A class added to the package and re-exported by its entry.
    writeFileSync(join(shared, "posts.ts"), api("Posts"));
    writeFileSync(join(shared, "index.ts"), `export { UsersApi, Users } from "./users.js";\nexport { PostsApi, Posts } from "./posts.js";\n`);
    await watcher.next(/4 functions, 3 contexts/);
    // A package file deleted, then written again.
    rmSync(join(shared, "users.ts"));
    await watcher.next(/3 functions, 2 contexts/);
    writeFileSync(join(shared, "users.ts"), api("Users"));
    await watcher.next(/4 functions, 3 contexts/);
    assert.match(client(), /users/);

    // A type file deleted (MZ2008 where it is used), then written again with one more field.
    rmSync(join(dir, "src/types/item.ts"));
    await watcher.next(/MZ2008/);
    writeFileSync(join(dir, "src/types/item.ts"), item("  name: string;\n"));
    await watcher.next(/4 functions, 3 contexts/);
    assert.match(client(), /interface Item \{\n  id: number;\n  name: string;\n\}/);
    // A type reached only through `import("…").Tag`: an edit regenerates.
    writeFileSync(join(dir, "src/types/tag.ts"), "export interface Tag {\n  label: string;\n  color: string;\n}\n");
    await until(() => /color: string/.test(client()), "the edited Tag");
  } finally {
    watcher.stop();
    rmSync(shared, { recursive: true, force: true });
  }
});

test.run();
