// One-pass tspc (`"transformProgram": true`): the generated files are
// written while tsc creates its program, so one build is enough. A fresh
// checkout (no generated files) passes on its first build; an API change
// shows its real error in the client code in the same build, never a stale
// error inside generated/routes.ts; the same holds for incremental builds
// and tspc --watch; Mizan diagnostics still fail the build.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import mizan, { type ProgramTransformerExtras } from "../../transformer/index.js";
import { ROOT } from "../support/compiler.js";
import { TSPC, artifactProject, mizanErrors, runTsc } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
  @client({ affects: Notes })
  static async addNote(ownerId: number, text: string): Promise<void> {}
}
`;
const FILES = {
  "src/api.ts": API,
  "src/server.ts": `import { routes } from "../generated/routes.js";\nexport const table = routes;\n`,
  "src/ui/app.ts": `import { addNote } from "../../generated/client.js";\nexport const add = () => addNote(1, "x");\n`,
};
/** The API change: addNote takes one parameter more. */
const CHANGED = API.replace("text: string)", "text: string, pinned: boolean)");

function onePass(name: string, compilerOptions: object = {}): string {
  return artifactProject(name, {
    files: FILES,
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", transformProgram: true, out: "generated" }], ...compilerOptions },
    include: ["src", "generated"],
  });
}

/** `file(line,col): error TSnnnn` of every error in tsc's output. */
const errors = (output: string) => [...output.matchAll(/^(\S+)\((\d+),(\d+)\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);

test("a fresh checkout passes its first build; an API change reports the client code's error, none inside routes.ts", () => {
  const dir = onePass("one-pass-change");
  const tsconfig = join(dir, "tsconfig.json");
  const fresh = runTsc(tsconfig);
  assert.is(fresh.status, 0, fresh.stdout);
  assert.is(fresh.stdout, "");
  assert.ok(existsSync(join(dir, "generated/routes.ts")));
  writeFileSync(join(dir, "src/api.ts"), CHANGED);
  const changed = runTsc(tsconfig);
  assert.equal(errors(changed.stdout), ["src/ui/app.ts:2:26 TS2554"]);
  assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /pinned: boolean/);
});

test("incremental builds with emit: the same, and a deleted generated folder comes back in one build", () => {
  const dir = onePass("one-pass-incremental", {
    noEmit: false, outDir: "out", rootDir: ROOT, incremental: true, tsBuildInfoFile: "out/.tsbuildinfo",
  });
  const tsconfig = join(dir, "tsconfig.json");
  const first = runTsc(tsconfig);
  assert.is(first.status, 0, first.stdout);
  writeFileSync(join(dir, "src/api.ts"), CHANGED);
  assert.equal(errors(runTsc(tsconfig).stdout), ["src/ui/app.ts:2:26 TS2554"]);
  writeFileSync(join(dir, "src/ui/app.ts"), FILES["src/ui/app.ts"].replace('"x")', '"x", false)'));
  const fixed = runTsc(tsconfig);
  assert.is(fixed.status, 0, fixed.stdout);
  rmSync(join(dir, "generated"), { recursive: true });
  const again = runTsc(tsconfig);
  assert.is(again.status, 0, again.stdout);
  assert.ok(existsSync(join(dir, "generated/client.ts")));
});

test("a fresh checkout's first build with emit emits the generated files its include lists, imported or not", () => {
  const dir = onePass("one-pass-emit", { noEmit: false, outDir: "out", rootDir: ROOT });
  rmSync(join(dir, "src/ui"), { recursive: true });
  const first = runTsc(join(dir, "tsconfig.json"));
  assert.is(first.status, 0, first.stdout);
  const out = join(dir, "out", relative(ROOT, dir));
  assert.ok(existsSync(join(out, "generated/routes.js")), "imported by src/server.ts");
  assert.ok(existsSync(join(out, "generated/client.js")), "imported by nothing, listed by the include");
});

test("the program made again leaves the first one, and its checker, to the collector", async () => {
  const dir = onePass("one-pass-release");
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(parsed.options);
  let first: ts.Program | undefined = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const checker = new WeakRef(first.getTypeChecker());
  // A fresh checkout: the generated files are written and the program is made again.
  const next = mizan(first, host, { out: "generated" }, { ts: ts as unknown as ProgramTransformerExtras["ts"] });
  assert.is.not(next, first);
  first = undefined;
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
  }
  assert.is(checker.deref(), undefined, "the first program's checker is still reachable");
  assert.ok(next.getSourceFile(join(dir, "generated/routes.ts")));
});

test("Mizan diagnostics still fail the one-pass build, with their place", () => {
  const dir = onePass("one-pass-diagnostic");
  writeFileSync(join(dir, "src/api.ts"), API.replace("@client({ affects: Notes })", '@client({ affects: "notez" })'));
  const result = runTsc(join(dir, "tsconfig.json"));
  assert.is.not(result.status, 0);
  assert.equal(mizanErrors(result.stdout), ["src/api.ts:6:22 MZ3001"]);
});

test("tspc --watch: a fresh checkout's first build passes; an API change shows the client code's error in the first rebuild", async () => {
  const dir = onePass("one-pass-watch");
  const child = spawn(process.execPath, [TSPC, "-p", join(dir, "tsconfig.json"), "--watch", "--pretty", "false", "--preserveWatchOutput"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  /** The output of the next finished build, from `from` on. */
  const build = (from: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no finished build in:\n${output.slice(from)}`)), 90_000);
      const check = () => {
        const done = /Found \d+ errors?\. Watching for file changes\./.exec(output.slice(from));
        if (done) {
          clearTimeout(timer);
          resolve(output.slice(from, from + done.index + done[0].length));
        } else setTimeout(check, 50);
      };
      check();
    });
  try {
    const first = await build(0);
    assert.match(first, /Found 0 errors/, first);
    const mark = output.length;
    writeFileSync(join(dir, "src/api.ts"), CHANGED);
    const rebuilt = await build(mark);
    assert.equal(errors(rebuilt), ["src/ui/app.ts:2:26 TS2554"], rebuilt);
  } finally {
    child.kill();
  }
});

test.run();
