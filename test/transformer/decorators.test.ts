// Both decorator forms: `@client` type-checks under tsc and tspc with the
// standard decorators and with `experimentalDecorators` (NestJS, TypeORM,
// Angular settings, with emitDecoratorMetadata), mizan-gen and tspc generate
// the same files either way, and the emitted JavaScript runs with the
// method left as it was.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../support/compiler.js";
import { TSC, artifactProject, runTsc } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return ["note of " + ownerId]; }
  @client({ affects: Notes })
  static async addNote(ownerId: number, text: string): Promise<void> {}
  @client()
  static count(): number { return 1; }
}
`;
const MAIN = `import { NotesApi } from "./api.js";
console.log(JSON.stringify([await NotesApi.notes(7), NotesApi.count()]));
`;

for (const legacy of [false, true]) {
  const form = legacy ? "legacy (experimentalDecorators)" : "standard";
  const compilerOptions = {
    experimentalDecorators: legacy,
    emitDecoratorMetadata: legacy,
    noEmit: false,
    outDir: "out",
    rootDir: ROOT,
  };

  test(`${form} decorators: tsc and tspc pass, mizan-gen and tspc generate the same files`, () => {
    const dir = artifactProject(`decorators-${legacy ? "legacy" : "standard"}`, { files: { "src/api.ts": API }, compilerOptions });
    const tsconfig = join(dir, "tsconfig.json");
    const plain = runTsc(tsconfig, TSC, ["--outDir", "plain"]);
    assert.is(plain.status, 0, plain.stdout);
    const patched = runTsc(tsconfig);
    assert.is(patched.status, 0, patched.stdout);
    const byTspc = ["routes.ts", "client.ts", "manifest.json"].map((f) => readFileSync(join(dir, "generated", f), "utf8"));
    assert.match(byTspc[1]!, /export function addNote\(ownerId: number, text: string\): Promise<void>/);
    const cli = runCli(["-p", tsconfig, "--out", "by-cli"], dir);
    assert.is(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /3 functions, 1 context/);
    const byCli = ["routes.ts", "client.ts", "manifest.json"].map((f) => readFileSync(join(dir, "by-cli", f), "utf8"));
    assert.equal(byCli[2], byTspc[2], "the same manifest");
  });

  test(`${form} decorators: the emitted JavaScript runs and the methods are unchanged`, () => {
    const dir = artifactProject(`decorators-run-${legacy ? "legacy" : "standard"}`, {
      files: { "src/api.ts": API, "src/main.ts": MAIN },
      compilerOptions,
    });
    const built = runTsc(join(dir, "tsconfig.json"), TSC);
    assert.is(built.status, 0, built.stdout);
    const main = join(dir, "out", dir.slice(ROOT.length), "src/main.js");
    if (legacy) assert.match(readFileSync(main.replace("main.js", "api.js"), "utf8"), /__decorate\(/, "the legacy form was emitted");
    const ran = spawnSync(process.execPath, [main], { encoding: "utf8" });
    assert.is(ran.status, 0, ran.stderr);
    assert.is(ran.stdout, `[["note of 7"],1]\n`);
  });
}

test.run();
