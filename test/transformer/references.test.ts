// Project references: the @client classes live in a referenced project,
// which tsc's program sees only through its built declarations (decorators
// erased). One-pass tspc must still find them, and write what mizan-gen
// writes for the same tsconfig.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../support/compiler.js";
import { TSC, TSPC, artifactProject, runTsc } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
}
`;

/** The app's project (the plugin entry, one pass) referencing ./api, which holds the @client class. */
function referencingProject(name: string): string {
  const dir = artifactProject(name, {
    files: {
      "api/src/notes.ts": API,
      "api/tsconfig.json": JSON.stringify({
        compilerOptions: {
          composite: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
          strict: true, skipLibCheck: true, types: [], outDir: "dist", rootDir: "src",
        },
        include: ["src"],
      }),
      "src/server.ts": `import { NotesApi } from "../api/src/notes.js";\nexport const api = NotesApi;\n`,
    },
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", transformProgram: true, out: "generated" }] },
  });
  const tsconfig = join(dir, "tsconfig.json");
  const base = JSON.parse(readFileSync(tsconfig, "utf8")) as object;
  writeFileSync(tsconfig, JSON.stringify({ ...base, references: [{ path: "./api" }] }, null, 2));
  return tsconfig;
}

test("one-pass tspc finds the @client methods of a referenced project and writes what mizan-gen writes", () => {
  const tsconfig = referencingProject("references");
  const dir = dirname(tsconfig);
  const api = runTsc(join(dir, "api/tsconfig.json"), TSC);
  assert.is(api.status, 0, api.stdout);

  const build = runTsc(tsconfig, undefined, [], { MIZAN_TIMING: "1" });
  assert.is(build.status, 0, build.stdout + build.stderr);
  assert.match(build.stderr, /mizan: 1 function analysed/);
  const check = runCli(["--check", "-p", tsconfig]);
  assert.is(check.status, 0, check.stdout + check.stderr);
});

test("tspc -b builds the referenced project, then the app's build writes the same files", () => {
  const tsconfig = referencingProject("references-build");
  const build = spawnSync(process.execPath, [TSPC, "-b", tsconfig], { cwd: dirname(tsconfig), encoding: "utf8", env: { ...process.env, MIZAN_TIMING: "1" } });
  assert.is(build.status, 0, build.stdout + build.stderr);
  assert.match(build.stderr, /mizan: 1 function analysed/);
  const check = runCli(["--check", "-p", tsconfig]);
  assert.is(check.status, 0, check.stdout + check.stderr);
});

test.run();
