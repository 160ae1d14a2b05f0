// Watch mode: mizan-gen --watch regenerates on a change, and the
// incremental analysis behind it (files kept while neither they nor their
// imports change) always gives what a full run gives.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createAnalysisCache } from "../../compiler/core.js";
import { generate } from "../../compiler/generate.js";
import { coreInput, loadProject } from "../../compiler/host/ts-morph.js";
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
  await loaded.project.getSourceFile(types)!.refreshFromFileSystem();
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

test.run();
