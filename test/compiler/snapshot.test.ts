// The declaration snapshot (compiler/snapshot): a cold run started from it
// writes exactly what a run without it writes, on every fixture, the type
// zoo, the error fixtures and the demo; a declaration file changed since the
// snapshot was made is parsed again; a snapshot that cannot start is deleted
// and the run goes on without it; one being replaced is left alone; a build
// killed on the way holds nothing up; none is used under a debugger, nor
// built in CI unless asked; a snapshot holds one target's files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { RUN_FLAGS } from "../../compiler/snapshot/paths.js";
import { apiFile, CLI, fixtureDir, fixtureNames, ROOT, tempProject } from "../support/compiler.js";

const GENERATE = join(ROOT, "dist/test/support/snapshot-generate.js");
const dir = mkdtempSync(join(tmpdir(), "mizan-snapshot-"));
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const base: NodeJS.ProcessEnv = { ...process.env, MIZAN_SNAPSHOT_DIR: dir, MIZAN_SNAPSHOT: "1", ...extra };
  delete base.CI;
  return base;
};

/** A package in the project's node_modules whose declaration a function's parameter uses. */
const project = tempProject({
  "node_modules/acme-types/package.json": JSON.stringify({ name: "acme-types", version: "1.0.0", types: "index.d.ts" }),
  "node_modules/acme-types/index.d.ts": "export interface Widget { label: string }\n",
  "src/api.ts": 'import { client } from "mizan";\nimport type { Widget } from "acme-types";\nexport class Api {\n  @client()\n  static async save(widget: Widget): Promise<number> {\n    return widget ? 1 : 0;\n  }\n}\n',
});
// A whole second, so that a test can put it back exactly (utimes takes seconds as a double).
utimesSync(join(project, "node_modules/acme-types/index.d.ts"), 1_700_000_000, 1_700_000_000);
/** The declaration as the snapshot will record it. */
const original = statSync(join(project, "node_modules/acme-types/index.d.ts"));
const tsconfigs = [
  ...fixtureNames("projects").map((name) => join(fixtureDir("projects", name), "tsconfig.json")),
  ...fixtureNames("errors").map((name) => join(fixtureDir("errors", name), "tsconfig.json")),
  join(ROOT, "examples/tsconfig.json"),
  join(project, "tsconfig.json"),
];

interface Generated {
  report: string;
  results: { tsconfig: string; files: [string, string][]; diagnostics: string[] }[];
}

function generate(args: string[], blob?: string): Generated {
  // The flags a process started from the snapshot gets (V8 starts only under those it was built with).
  const flags = blob === undefined ? [] : [...RUN_FLAGS, "--snapshot-blob", blob];
  const run = spawnSync(process.execPath, [...flags, GENERATE, ...args], { env: env(), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  assert.is(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Generated;
}

function blobs(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".blob"));
}

/** Waits for the snapshot being built, if any (its lock is released when it is in place). */
async function settled(): Promise<void> {
  for (let waited = 0; waited < 180_000 && readdirSync(dir).some((n) => n.endsWith(".lock")); waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function builtSnapshot(): Promise<string> {
  await settled();
  assert.is(blobs().length, 1, `no snapshot built in ${dir}: ${readdirSync(dir).join(", ")}`);
  return join(dir, blobs()[0]!);
}

let plain: Generated;
let blob: string;

test("a run started from the snapshot writes exactly what a run without it writes, on every fixture and the demo", async () => {
  plain = generate([...tsconfigs, "--request"]);
  assert.match(plain.report, /started without a declaration snapshot; 0 declaration files reused from it, [1-9]\d* parsed/);
  blob = await builtSnapshot();
  const started = generate(tsconfigs, blob);
  assert.match(started.report, /started from the declaration snapshot; [1-9]\d* declaration files reused from it, 0 parsed/);
  assert.is(started.results.length, tsconfigs.length);
  for (let i = 0; i < tsconfigs.length; i++) assert.equal(started.results[i], plain.results[i], tsconfigs[i]);
  // The fixtures wrote something, and the error fixtures reported something: the comparison compares.
  assert.ok(plain.results.filter((r) => r.files.length === 3).length >= 9);
  assert.ok(plain.results.filter((r) => r.diagnostics.length > 0).length >= 4);
});

test("a declaration file changed since the snapshot was made is parsed again: the run sees the change", () => {
  const declaration = join(project, "node_modules/acme-types/index.d.ts");
  writeFileSync(declaration, "export interface Widget { label: number; count?: boolean }\n");
  const started = generate([join(project, "tsconfig.json")], blob);
  assert.match(started.report, /reused from it, 1 parsed/);
  const routes = started.results[0]!.files.find(([name]) => name === "routes.ts")![1];
  assert.match(routes, /label: z\.number\(\)/);
  assert.match(routes, /count: z\.boolean\(\)\.exactOptional\(\)/);
});

test("a file rewritten with its old size and its old mtime put back is parsed again: its ctime moved", () => {
  const declaration = join(project, "node_modules/acme-types/index.d.ts");
  // "number" for "string": the size the snapshot recorded, and its mtime restored.
  writeFileSync(declaration, "export interface Widget { label: number }\n");
  utimesSync(declaration, 1_700_000_000, 1_700_000_000);
  assert.is(statSync(declaration).mtimeMs, original.mtimeMs);
  assert.is(statSync(declaration).size, original.size);
  const started = generate([join(project, "tsconfig.json")], blob);
  assert.match(started.report, /reused from it, 1 parsed/);
  assert.match(started.results[0]!.files.find(([name]) => name === "routes.ts")![1], /label: z\.number\(\)/);
});

test("the CLI runs a cold generation from the snapshot, in a process of its own, with the same output", () => {
  rmSync(join(project, "generated"), { recursive: true, force: true });
  const run = spawnSync(process.execPath, [CLI, "-p", join(project, "tsconfig.json")], { env: env({ MIZAN_SNAPSHOT: "report" }), encoding: "utf8" });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stderr, /started from the declaration snapshot; [1-9]\d* declaration files reused from it/);
  assert.match(run.stdout, /scanned 1 file: 1 function, 0 contexts/);
  assert.ok(existsSync(join(project, "generated/routes.ts")));
});

test("the snapshot's process's stderr reaches the first process's whole, however long: thousands of diagnostics", () => {
  const methods = Array.from({ length: 2000 }, (_, i) => `  @client() static async f${i}(m: Map<string, number>): Promise<number> { return 0; }`);
  const errors = tempProject({ "src/bad.ts": `import { client } from "mizan";\nexport class Bad {\n${methods.join("\n")}\n}\n` });
  const run = spawnSync(process.execPath, [CLI, "-p", join(errors, "tsconfig.json")], { env: env({ MIZAN_SNAPSHOT: "report" }), encoding: "utf8" });
  assert.is(run.status, 1);
  assert.match(run.stderr, /started from the declaration snapshot/);
  assert.is(run.stderr.match(/MZ2001/g)?.length, 2000);
  assert.match(run.stderr, /mizan-gen: 2000 errors; nothing written\n/);
});

test("under a debugger the run stays in its own process", () => {
  rmSync(join(project, "generated"), { recursive: true, force: true });
  const run = spawnSync(process.execPath, ["--inspect=127.0.0.1:0", CLI, "-p", join(project, "tsconfig.json")], { env: env({ MIZAN_SNAPSHOT: "report" }), encoding: "utf8" });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stderr, /started without a declaration snapshot/);
  assert.ok(existsSync(blob));
});

test("a snapshot whose record names another file (a rebuild putting its own in place) is neither started nor deleted", async () => {
  // A build a test before this one started would put its own in place meanwhile.
  await settled();
  const { size, ino } = statSync(blob);
  // What a reader sees between the rebuild writing its record and renaming its snapshot over this one.
  writeFileSync(`${blob}.size`, `${size + 1} ${ino + 1}`);
  rmSync(join(project, "generated"), { recursive: true, force: true });
  const run = spawnSync(process.execPath, [CLI, "-p", join(project, "tsconfig.json")], { env: env({ MIZAN_SNAPSHOT: "report" }), encoding: "utf8" });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stderr, /started without a declaration snapshot/);
  assert.ok(existsSync(join(project, "generated/routes.ts")));
  assert.ok(existsSync(blob));
  assert.is(statSync(blob).ino, ino);
  // That run parsed the declarations and asked for a snapshot, which makes the record whole again.
  await settled();
  assert.ok(existsSync(blob));
  const [recordedSize, recordedInode] = readFileSync(`${blob}.size`, "utf8").split(" ").map(Number);
  assert.is(recordedInode, statSync(blob).ino);
  assert.is(recordedSize, statSync(blob).size);
});

test("a snapshot that cannot start is deleted, and the run goes on without it, once: a partial file unused, a broken or damaged one tried, silently", async () => {
  const cold = () => {
    rmSync(join(project, "generated"), { recursive: true, force: true });
    return spawnSync(process.execPath, [CLI, "-p", join(project, "tsconfig.json")], { env: env({ MIZAN_SNAPSHOT: "report" }), encoding: "utf8" });
  };
  // Each step waits for the build the step before it started (a run without a snapshot asks for one),
  // which would otherwise put a good snapshot in place while the step looks for none.
  await settled();
  const size = statSync(blob).size;
  // Partial: its size is not the one its build recorded, so it is not started at all (Node would abort with an assertion).
  writeFileSync(blob, "not a snapshot");
  let run = cold();
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stderr, /started without a declaration snapshot/);
  assert.not.match(run.stderr, /Assertion|kMagic/);
  assert.ok(existsSync(join(project, "generated/routes.ts")));
  assert.not.ok(existsSync(blob));
  // Whole but broken: Node cannot start from it, before mizan-gen runs; the run happens here, once.
  await settled();
  writeFileSync(blob, Buffer.alloc(size, 7));
  writeFileSync(`${blob}.size`, `${size} ${statSync(blob).ino}`);
  run = cold();
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout.match(/scanned 1 file/g)?.length, 1, run.stdout);
  assert.match(run.stderr, /started without a declaration snapshot/);
  assert.not.ok(existsSync(blob));
  // Whole and damaged (bytes changed in the middle of the one the last run asked for): V8's
  // checksum fails with a fatal-error dump, which is not shown.
  await settled();
  const damaged = readFileSync(blob);
  damaged.fill(0x5a, damaged.length >> 1, (damaged.length >> 1) + 64);
  writeFileSync(blob, damaged);
  writeFileSync(`${blob}.size`, `${damaged.length} ${statSync(blob).ino}`);
  run = cold();
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout.match(/scanned 1 file/g)?.length, 1, run.stdout);
  assert.not.match(run.stderr, /Fatal error|Native stack|Check failed/);
  assert.match(run.stderr, /started without a declaration snapshot/);
  assert.not.ok(existsSync(blob));
});

test("a build killed on the way frees its lock at once, and what it left goes with the next build", async () => {
  await settled();
  // A process that has exited: its pid names no running builder.
  const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const pid = Number(dead.stdout);
  const lock = blob.replace(/\.blob$/, ".lock");
  writeFileSync(lock, String(pid));
  writeFileSync(`${blob}.${pid}`, Buffer.alloc(1024, 1));
  writeFileSync(`${blob}.${pid}.cjs`, "var exports = {};\n");
  rmSync(blob, { force: true });
  generate([join(project, "tsconfig.json"), "--request"]);
  await settled();
  assert.ok(existsSync(blob), readdirSync(dir).join(", "));
  assert.not.ok(existsSync(`${blob}.${pid}`));
  assert.not.ok(existsSync(`${blob}.${pid}.cjs`));
});

test("in CI (CI set) no snapshot is built unless MIZAN_SNAPSHOT asks for one; MIZAN_SNAPSHOT=0 neither builds nor uses one", async () => {
  await settled();
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
  for (const extra of [{ CI: "true", MIZAN_SNAPSHOT: "" }, { MIZAN_SNAPSHOT: "0" }]) {
    const run = spawnSync(process.execPath, [GENERATE, join(project, "tsconfig.json"), "--request"], { env: { ...env(), ...extra }, encoding: "utf8" });
    assert.is(run.status, 0, run.stderr);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(readdirSync(dir), []);
});

test("a snapshot holds one target's files: another target's run makes the next one its own, without the first's", async () => {
  await settled();
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
  const older = tempProject({
    ...apiFile("  @client()\n  static async ping(): Promise<number> { return 1; }"),
    "tsconfig.json": JSON.stringify({ extends: join(ROOT, "fixtures/tsconfig.base.json"), compilerOptions: { target: "es2020" }, include: ["src"] }),
  });
  try {
    generate([join(project, "tsconfig.json"), "--request"]);
    const first = await builtSnapshot();
    // Another target: nothing of it in the snapshot, and the next snapshot is built for it.
    assert.match(generate([join(older, "tsconfig.json"), "--request"], first).report, /0 declaration files reused from it, [1-9]\d* parsed/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await builtSnapshot();
    // The first project's files (its target) were left out of it.
    assert.match(generate([join(project, "tsconfig.json")], second).report, /0 declaration files reused from it, [1-9]\d* parsed/);
    assert.match(generate([join(older, "tsconfig.json")], second).report, /[1-9]\d* declaration files reused from it, 0 parsed/);
  } finally {
    rmSync(older, { recursive: true, force: true });
  }
});

test.after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

test.run();
