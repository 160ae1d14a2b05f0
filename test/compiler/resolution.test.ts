// When "mizan" does not resolve, a run says why instead of finding "0
// functions"; node10 resolution reads the package through typesVersions;
// the warm cache notices an install; a project that declares nothing gets
// no generated files.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli, tempProject } from "../support/compiler.js";
import { artifactProject, runTsc } from "../transformer/helpers.js";

/** The package "mizan" (runtime/), linked as an install would. */
const RUNTIME = join(ROOT, "runtime");
const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
}
`;

/** A folder with `files` and a tsconfig.json of `compilerOptions` (no `paths`: "mizan" resolves as a user's would). */
function project(files: Record<string, string>, compilerOptions: object, root = mkdtempSync(join(tmpdir(), "mizan-resolution-"))): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const tsconfig = { compilerOptions: { target: "es2022", strict: true, types: [], skipLibCheck: true, ...compilerOptions }, include: ["src"] };
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig));
  return root;
}

function linkTo(dir: string, name: string, target: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(target, join(dir, "node_modules", name), "dir");
}

const NODE10 = { module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "6.0" };

test("node10 (CommonJS) resolution reads mizan through its typesVersions", () => {
  const dir = project({ "src/api.ts": API }, NODE10);
  linkTo(dir, "mizan", RUNTIME);
  const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /scanned 1 file: 1 function, 1 context/);
});

test("node10 with a mizan that publishes only exports: MZ6002 says that node10 ignores exports", () => {
  const dir = project({ "src/api.ts": API }, NODE10);
  // A package as versions before typesVersions published it: "exports" only.
  const old = join(dir, "node_modules/mizan");
  mkdirSync(join(old, "dist"), { recursive: true });
  cpSync(join(RUNTIME, "dist/index.d.ts"), join(old, "dist/index.d.ts"));
  const manifest = JSON.parse(readFileSync(join(RUNTIME, "package.json"), "utf8"));
  writeFileSync(join(old, "package.json"), JSON.stringify({ name: "mizan", exports: { ".": manifest.exports["."] } }));
  const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(result.status, 1);
  assert.match(result.stderr, /^src\/api\.ts:1:39 - error MZ6002: "mizan" is installed at .*node_modules\/mizan but does not resolve: moduleResolution "node10" ignores package.json "exports"/m);
  assert.match(result.stderr, /hint: Set `"moduleResolution"` to "node16"/);
  assert.not.ok(existsSync(join(dir, "generated")), "nothing written");
});

test("classic resolution: MZ6002 says it never looks in node_modules", () => {
  const dir = project({ "src/api.ts": API }, { module: "es2022", moduleResolution: "classic", ignoreDeprecations: "6.0" });
  linkTo(dir, "mizan", RUNTIME);
  const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(result.status, 1);
  assert.match(result.stderr, /error MZ6002: .*moduleResolution "classic" never looks in node_modules/);
});

test("a monorepo package that cannot see mizan: MZ6001 names the folder", () => {
  // The workspace root has mizan, but only apps/web can see it (its own node_modules).
  const root = mkdtempSync(join(tmpdir(), "mizan-monorepo-"));
  linkTo(join(root, "apps/web"), "mizan", RUNTIME);
  const dir = project({ "src/api.ts": API }, { module: "nodenext" }, join(root, "packages/api"));
  const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(result.status, 1);
  assert.match(result.stderr, /^src\/api\.ts:1:39 - error MZ6001: "mizan" does not resolve: there is no node_modules\/mizan in src or any folder above it/m);
  assert.not.ok(existsSync(join(dir, "generated")));

  // Once installed there, the next run generates (and is not answered from a stale record).
  linkTo(dir, "mizan", RUNTIME);
  const fixed = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(fixed.status, 0, fixed.stderr);
  assert.match(fixed.stdout, /1 function, 1 context/);
});

test("the warm cache notices an install that changes what a package resolves to", () => {
  // The project's own node_modules has mizan; "ids" comes from the folder above until installed here.
  const root = mkdtempSync(join(tmpdir(), "mizan-install-"));
  const ids = (type: string) => ({ "package.json": JSON.stringify({ name: "ids", types: "index.d.ts" }), "index.d.ts": `export type Id = ${type};\n` });
  for (const [name, text] of Object.entries(ids("number"))) {
    mkdirSync(join(root, "node_modules/ids"), { recursive: true });
    writeFileSync(join(root, "node_modules/ids", name), text);
  }
  const api = API.replace("ownerId: number", "ownerId: Id").replace('\n', '\nimport type { Id } from "ids";\n');
  const dir = project({ "src/api.ts": api }, { module: "nodenext" }, join(root, "app"));
  linkTo(dir, "mizan", RUNTIME);
  const tsconfig = join(dir, "tsconfig.json");
  assert.is(runCli(["-p", tsconfig], dir).status, 0);
  assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /ownerId: number/);
  assert.match(runCli(["-p", tsconfig], dir).stdout, /up to date/, "nothing changed yet");

  mkdirSync(join(dir, "node_modules/ids"));
  for (const [name, text] of Object.entries(ids("string"))) writeFileSync(join(dir, "node_modules/ids", name), text);
  const after = runCli(["-p", tsconfig], dir);
  assert.is(after.status, 0, after.stderr);
  assert.not.match(after.stdout, /up to date/);
  assert.match(readFileSync(join(dir, "generated/client.ts"), "utf8"), /ownerId: string/);
});

test("a project that declares nothing: mizan-gen says so and writes no file, nor does tspc", () => {
  const files = { "src/util.ts": "export const add = (a: number, b: number) => a + b;\n" };
  const dir = tempProject(files);
  const result = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /scanned 1 file: 0 functions, 0 contexts: no @client methods and no defineContext calls, so nothing written/);
  assert.not.ok(existsSync(join(dir, "generated")));

  const built = artifactProject("declares-nothing", { files });
  const tspc = runTsc(join(built, "tsconfig.json"), undefined, [], { MIZAN_TIMING: "1" });
  assert.is(tspc.status, 0, tspc.stdout);
  assert.match(tspc.stderr, /^mizan: 0 functions analysed in \d+ ms, files none in \d+ ms$/m);
  assert.not.ok(existsSync(join(built, "generated")));
});

test("files of an earlier run, once the project declares nothing: kept, named as stale, and --check fails", () => {
  const dir = tempProject({ "src/api.ts": `import { client } from "mizan";\nexport class Api {\n  @client()\n  static async ping(): Promise<number> { return 1; }\n}\n` });
  assert.is(runCli(["-p", join(dir, "tsconfig.json")], dir).status, 0);
  writeFileSync(join(dir, "src/api.ts"), "export const add = (a: number, b: number) => a + b;\n");
  const run = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /generated\/client\.ts, generated\/manifest\.json, generated\/routes\.ts left from an earlier run/);
  assert.ok(existsSync(join(dir, "generated/routes.ts")), "never deleted: a wrong include must not cost the files");
  const check = runCli(["-p", join(dir, "tsconfig.json"), "--check"], dir);
  assert.is(check.status, 1, check.stdout);
  assert.match(check.stderr, /left from an earlier run/);
});

test.run();
