// The transformer under tspc, as a user runs it: each fixture prints its
// reviewed diagnostics in tsc's format and fails the build; mizan-gen
// reports the same Mizan diagnostics on the same project; a Mizan error
// alone fails the build; emitted JavaScript is untouched; incremental builds
// report a diagnostic with its file and drop it once fixed.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../support/compiler.js";
import { TRANSFORMER_FIXTURES, TSC, artifactProject, linkMizan, mizanErrors, runTsc, transformerFixtures } from "./helpers.js";

linkMizan(TRANSFORMER_FIXTURES);

for (const name of transformerFixtures()) {
  const dir = join(TRANSFORMER_FIXTURES, name);
  const expected = readFileSync(join(dir, "expected.txt"), "utf8");

  test(`fixture ${name}: tspc prints the expected diagnostics, fails, and writes nothing`, () => {
    const result = runTsc(join(dir, "tsconfig.json"));
    assert.fixture(result.stdout, expected);
    assert.is.not(result.status, 0);
    assert.not.ok(existsSync(join(dir, "generated")));
  });

  test(`fixture ${name}: mizan-gen reports the same Mizan diagnostics`, () => {
    const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
    assert.is(result.status, 1);
    assert.equal(mizanErrors(result.stderr), mizanErrors(expected));
  });
}

test("the fixtures cover the client-code codes", () => {
  const text = transformerFixtures().map((name) => readFileSync(join(TRANSFORMER_FIXTURES, name, "expected.txt"), "utf8")).join("");
  for (const code of ["MZ5001", "MZ5002"]) assert.match(text, `error TS99${code.slice(2)}: ${code}: `);
});

const NOTES = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
  @client({ affects: "notez" })
  static async addNote(ownerId: number, text: string): Promise<void> {}
}
`;

test("a Mizan error alone makes tspc exit non-zero; once fixed, tspc exits 0 and writes the files", () => {
  const dir = artifactProject("exit-code", { files: { "src/api.ts": NOTES } });
  const failed = runTsc(join(dir, "tsconfig.json"));
  assert.is.not(failed.status, 0);
  assert.is(failed.stdout.match(/error TS/g)?.length, 1, failed.stdout);
  assert.match(failed.stdout, /^src\/api\.ts\(6,22\): error TS993001: MZ3001: nothing is named "notez"; did you mean "notes"\?\n  hint: /m);
  assert.not.ok(existsSync(join(dir, "generated")));

  writeFileSync(join(dir, "src/api.ts"), NOTES.replace('"notez"', "Notes"));
  const fixed = runTsc(join(dir, "tsconfig.json"));
  assert.is(fixed.status, 0, fixed.stdout);
  assert.is(fixed.stdout, "");
  assert.equal(readdirSync(join(dir, "generated")).sort(), ["client.ts", "manifest.json", "routes.ts"]);
});

test("MIZAN_TIMING: one line on stderr with the plugin's own time and what it did with the files", () => {
  const dir = artifactProject("timing", { files: { "src/api.ts": NOTES } });
  const line = (result: { stderr: string }) => /^mizan: (\d+) functions analysed in \d+ ms, files (\w+) in \d+ ms$/m.exec(result.stderr)?.slice(1);
  const timed = (tsconfig: string) => runTsc(tsconfig, undefined, [], { MIZAN_TIMING: "1" });
  assert.equal(line(timed(join(dir, "tsconfig.json"))), ["2", "skipped"], "a build with an error writes nothing");
  writeFileSync(join(dir, "src/api.ts"), NOTES.replace('"notez"', "Notes"));
  assert.equal(line(timed(join(dir, "tsconfig.json"))), ["2", "rendered"]);
  assert.equal(line(timed(join(dir, "tsconfig.json"))), ["2", "unchanged"]);
  assert.is(runTsc(join(dir, "tsconfig.json")).stderr, "", "silent without the variable");
});

test("with emit on, tspc emits the same JavaScript as plain tsc", () => {
  const dir = artifactProject("emit", {
    files: { "src/api.ts": NOTES.replace('"notez"', "Notes") },
    compilerOptions: { noEmit: false, outDir: "out", rootDir: ROOT },
  });
  const withPlugin = runTsc(join(dir, "tsconfig.json"));
  assert.is(withPlugin.status, 0, withPlugin.stdout);
  const plain = runTsc(join(dir, "tsconfig.json"), TSC, ["--outDir", "plain"]);
  assert.is(plain.status, 0, plain.stdout);
  const emitted = (root: string) => readdirSync(join(dir, root), { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".js")).sort();
  const files = emitted("out");
  assert.ok(files.some((p) => p.endsWith("src/api.js")), "emitted the project's own file");
  assert.equal(files, emitted("plain"));
  for (const file of files) assert.is(readFileSync(join(dir, "out", file), "utf8"), readFileSync(join(dir, "plain", file), "utf8"), file);
});

test("incremental builds: a diagnostic is reported with its file, and gone once the file is fixed", () => {
  const server = NOTES.replace('"notez"', "Notes").replace("@client({ affects: Notes })", "@client({ affects: Notes, private: true })");
  const badClient = `import { call } from "mizan/client";\nexport const add = () => call("addNote", { ownerId: 1, text: "x" });\n`;
  const dir = artifactProject("incremental", {
    files: { "src/api.ts": server, "src/ui/app.ts": badClient, "src/other.ts": "export const other = 1;\n" },
    compilerOptions: {
      plugins: [{ transform: "mizan-gen/transformer", out: "generated", client: ["src/ui/**"] }],
      noEmit: false, outDir: "out", rootDir: ROOT, incremental: true, tsBuildInfoFile: "out/.tsbuildinfo",
    },
  });
  const tsconfig = join(dir, "tsconfig.json");
  const first = runTsc(tsconfig);
  assert.is.not(first.status, 0);
  assert.equal(mizanErrors(first.stdout), ["src/ui/app.ts:2:31 MZ5001"]);
  // Nothing changed: tsc re-reports what it stored for the file, once.
  assert.equal(mizanErrors(runTsc(tsconfig).stdout), ["src/ui/app.ts:2:31 MZ5001"]);

  writeFileSync(join(dir, "src/ui/app.ts"), badClient.replace('"addNote"', 'String("addNote")'));
  const fixed = runTsc(tsconfig);
  assert.is(fixed.status, 0, fixed.stdout);
  assert.is(runTsc(tsconfig).status, 0, "no stale diagnostic on the next build");
});

// The emit-time form never runs there: tsc's builder does not emit under noEmit (docs/transformer.md).
test("tspc --noEmit with incremental builds, as NestJS configures: a Mizan error fails every build (one-pass form)", () => {
  {
    const transformProgram = true;
    const dir = artifactProject(`incremental-no-emit-${transformProgram}`, {
      files: { "src/api.ts": NOTES },
      compilerOptions: {
        plugins: [{ transform: "mizan-gen/transformer", out: "generated", transformProgram }],
        noEmit: true, incremental: true, tsBuildInfoFile: "out/.tsbuildinfo",
      },
    });
    const tsconfig = join(dir, "tsconfig.json");
    for (const build of ["first", "again"]) {
      const result = runTsc(tsconfig);
      assert.is.not(result.status, 0, `${transformProgram} ${build}: ${result.stdout}`);
      assert.equal(mizanErrors(result.stdout), ["src/api.ts:6:22 MZ3001"], `${transformProgram} ${build}`);
    }
    writeFileSync(join(dir, "src/api.ts"), NOTES.replace('"notez"', "Notes"));
    const fixed = runTsc(tsconfig);
    assert.is(fixed.status, 0, fixed.stdout);
    assert.is(runTsc(tsconfig).status, 0);
  }
});

test.run();
