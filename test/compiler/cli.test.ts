// mizan-gen as a user runs it: writes the three files and prints counts;
// writes only what changed; --check passes on fresh output and fails,
// writing nothing, on stale or missing output; any error exits 1 and
// writes nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cacheFile, recordSlot } from "../../compiler/output/cache.js";
import { fixtureDir, ROOT, runCli, tempProject } from "../support/compiler.js";

const SOURCE = {
  "src/api.ts": `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
  @client({ affects: Notes })
  static async addNote(ownerId: number, text: string): Promise<void> {}
}
`,
};

test("writes the three files and prints what it did", () => {
  const dir = tempProject(SOURCE);
  const result = runCli(["--project", join(dir, "tsconfig.json")]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /scanned 1 file: 2 functions, 1 context/);
  assert.match(result.stdout, /wrote client\.ts, manifest\.json, routes\.ts/);
  for (const name of ["client.ts", "manifest.json", "routes.ts"]) assert.ok(existsSync(join(dir, "generated", name)));
  const manifest = JSON.parse(readFileSync(join(dir, "generated/manifest.json"), "utf8"));
  assert.equal(manifest.mutations.addNote.auto_scoped_params, { notes: ["ownerId"] });
});

test("the summary says how many client files were checked, and when the client globs name no file of the program", () => {
  const web = { "src/web/page.ts": `import { addNote } from "../../generated/client.js";\nexport const add = () => addNote(1, "x");\n` };
  const checked = tempProject({ ...SOURCE, ...web }, { client: ["src/web/**"] });
  const first = runCli(["--project", join(checked, "tsconfig.json")]);
  assert.is(first.status, 0, first.stderr);
  assert.match(first.stdout, /scanned 2 files: 2 functions, 1 context, 1 client file checked/);
  // A web app compiled by another build: its files are checked by the bundler plugins, not here.
  const elsewhere = tempProject(SOURCE, { client: ["../web/src/**"] });
  const second = runCli(["--project", join(elsewhere, "tsconfig.json")]);
  assert.is(second.status, 0, second.stderr);
  assert.match(second.stdout, /scanned 1 file: 2 functions, 1 context; no file of this program matches `client` \(files that only a bundle holds are checked by the Vite or esbuild plugin\)/);
});

test("generated files the tsconfig includes are not counted as scanned", () => {
  const dir = tempProject(SOURCE, { out: "src/generated" });
  const project = ["-p", join(dir, "tsconfig.json")];
  assert.match(runCli(project).stdout, /scanned 1 file: 2 functions, 1 context → .*wrote/);
  // A cold run again, with src/generated/client.ts and routes.ts now among the tsconfig's files.
  writeFileSync(join(dir, "src/api.ts"), `${SOURCE["src/api.ts"]}// edited\n`);
  assert.match(runCli(project).stdout, /scanned 1 file: 2 functions, 1 context → .*all unchanged/);
});

test("--out overrides the configured folder", () => {
  const dir = tempProject(SOURCE);
  const result = runCli(["-p", join(dir, "tsconfig.json"), "--out", join(dir, "elsewhere")]);
  assert.is(result.status, 0, result.stderr);
  assert.ok(existsSync(join(dir, "elsewhere/routes.ts")));
  assert.not.ok(existsSync(join(dir, "generated")));
});

test("a relative --out is read from the current folder, as --help says", () => {
  const dir = tempProject(SOURCE);
  const result = runCli(["-p", "..", "--out", "here"], join(dir, "src"));
  assert.is(result.status, 0, result.stderr);
  assert.ok(existsSync(join(dir, "src/here/routes.ts")));
  assert.not.ok(existsSync(join(dir, "here")));
});

test("a second run writes nothing when nothing changed, from the cache", () => {
  const dir = tempProject(SOURCE);
  runCli(["-p", join(dir, "tsconfig.json")]);
  const routes = join(dir, "generated/routes.ts");
  utimesSync(routes, new Date(2000, 0, 1), new Date(2000, 0, 1));
  const before = statSync(routes).mtimeMs;
  const result = runCli(["-p", join(dir, "tsconfig.json")]);
  assert.is(result.status, 0);
  assert.match(result.stdout, /up to date, nothing changed since the last run/);
  assert.is(statSync(routes).mtimeMs, before);
});

test("without the cache, an unchanged project still writes nothing", () => {
  const dir = tempProject(SOURCE);
  runCli(["-p", join(dir, "tsconfig.json")]);
  const routes = join(dir, "generated/routes.ts");
  utimesSync(routes, new Date(2000, 0, 1), new Date(2000, 0, 1));
  // Only the source's bytes change (a comment), which the cache must notice.
  writeFileSync(join(dir, "src/api.ts"), SOURCE["src/api.ts"] + "// a comment\n");
  const result = runCli(["-p", join(dir, "tsconfig.json")]);
  assert.is(result.status, 0);
  assert.match(result.stdout, /all unchanged/);
  assert.is(statSync(routes).mtimeMs, new Date(2000, 0, 1).getTime());
});

test("the cache notices edited, added and removed files and edited outputs", () => {
  const dir = tempProject(SOURCE);
  const project = ["-p", join(dir, "tsconfig.json")];
  runCli(project);
  writeFileSync(join(dir, "src/more.ts"), SOURCE["src/api.ts"].replace(/Notes/g, "Memos").replace(/notes/g, "memos").replace("addNote", "addMemo"));
  assert.match(runCli(project).stdout, /scanned 2 files: 4 functions, 2 contexts/);
  rmSync(join(dir, "src/more.ts"));
  assert.match(runCli(project).stdout, /scanned 1 file: 2 functions, 1 context → .*wrote client\.ts, manifest\.json, routes\.ts/);
  writeFileSync(join(dir, "generated/client.ts"), "// edited by hand\n");
  assert.match(runCli(project).stdout, /wrote client\.ts\)/);
  assert.match(runCli(project).stdout, /up to date/);
});

test("the cache notices a file added to an included folder that held no input (only CSS, or nothing)", () => {
  const dir = tempProject({ ...SOURCE, "src/web/style.css": "body {}\n" });
  mkdirSync(join(dir, "src/empty"));
  const project = ["-p", join(dir, "tsconfig.json")];
  runCli(project);
  assert.match(runCli(project).stdout, /up to date/);
  const more = (name: string) => SOURCE["src/api.ts"].replace(/Notes/g, name).replace(/notes/g, name.toLowerCase()).replace("addNote", `add${name}`);
  writeFileSync(join(dir, "src/web/more.ts"), more("Memos"));
  assert.match(runCli(project).stdout, /scanned 2 files: 4 functions, 2 contexts/);
  writeFileSync(join(dir, "src/empty/most.ts"), more("Lists"));
  assert.match(runCli(project).stdout, /scanned 3 files: 6 functions, 3 contexts/);
});

test("the cache notices a declaration under node_modules rewritten with its size and mtime put back, its package.json edited, and stamps the libraries", () => {
  const dir = tempProject({
    ...SOURCE,
    "node_modules/acme/package.json": JSON.stringify({ name: "acme", version: "1.0.0", types: "index.d.ts" }),
    "node_modules/acme/index.d.ts": "export interface Label { text: string }\n",
    "node_modules/acme/other.d.ts": "export interface Label { text: boolean }\n",
    "src/labels.ts": 'import { client } from "mizan";\nimport type { Label } from "acme";\nexport class Labels {\n  @client()\n  static async save(label: Label): Promise<void> {}\n}\n',
  });
  const project = ["-p", join(dir, "tsconfig.json")];
  const declaration = join(dir, "node_modules/acme/index.d.ts");
  utimesSync(declaration, 1_700_000_000, 1_700_000_000);
  assert.match(runCli(project).stdout, /scanned 2 files/);
  assert.match(runCli(project).stdout, /up to date/);
  // "string" becomes "number": the same size, and the mtime put back; only the ctime tells.
  writeFileSync(declaration, "export interface Label { text: number }\n");
  utimesSync(declaration, 1_700_000_000, 1_700_000_000);
  const result = runCli(project);
  assert.not.match(result.stdout, /up to date/);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), /text: z\.number\(\)/);
  // The package's package.json edited in place (its folder's mtime kept): "types" now names another file.
  assert.match(runCli(project).stdout, /up to date/);
  writeFileSync(join(dir, "node_modules/acme/package.json"), JSON.stringify({ name: "acme", version: "1.0.0", types: "other.d.ts" }));
  assert.not.match(runCli(project).stdout, /up to date/);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), /text: z\.boolean\(\)/);
  // TypeScript's own libraries are inputs too (patch-package on typescript), stamped like the rest.
  const record = JSON.parse(readFileSync(cacheFile(dir, recordSlot(join(dir, "tsconfig.json"), undefined)), "utf8")) as { inputs: Record<string, string> };
  assert.ok(Object.keys(record.inputs).some((path) => path.endsWith("/typescript/lib/lib.es5.d.ts")), Object.keys(record.inputs).join("\n"));
});

test("a record another version of mizan-gen wrote is not trusted, and is replaced in place rather than left beside the new one", () => {
  const dir = tempProject(SOURCE);
  const project = ["-p", join(dir, "tsconfig.json")];
  runCli(project);
  const file = cacheFile(dir, recordSlot(join(dir, "tsconfig.json"), undefined));
  const records = () => readdirSync(dirname(file)).filter((name) => name.endsWith(".json"));
  const written = JSON.parse(readFileSync(file, "utf8")) as { key: string };
  writeFileSync(file, JSON.stringify({ ...written, key: written.key.replace(/^[^\u0000]*/, "0.0.1+6.0.2+1700000000000") }));
  const before = records();
  const result = runCli(project);
  assert.is(result.status, 0, result.stderr);
  assert.not.match(result.stdout, /up to date/);
  assert.equal(records(), before);
  assert.is((JSON.parse(readFileSync(file, "utf8")) as { key: string }).key, written.key);
  assert.match(runCli(project).stdout, /up to date/);
});

test("--check passes on fresh output", () => {
  const dir = tempProject(SOURCE);
  runCli(["-p", join(dir, "tsconfig.json")]);
  const result = runCli(["-p", join(dir, "tsconfig.json"), "--check"]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /up to date/);
});

test("--check fails on stale and missing output and writes nothing", () => {
  const dir = tempProject(SOURCE);
  runCli(["-p", join(dir, "tsconfig.json")]);
  const routes = join(dir, "generated/routes.ts");
  writeFileSync(routes, "// edited by hand\n");
  writeFileSync(join(dir, "src/api.ts"), SOURCE["src/api.ts"].replace("text: string", "text: string, pinned: boolean"));
  const result = runCli(["-p", join(dir, "tsconfig.json"), "--check"]);
  assert.is(result.status, 1);
  assert.match(result.stderr, /generated\/routes\.ts is stale/);
  assert.match(result.stderr, /generated\/client\.ts is stale/);
  // A mutation's parameters are not in the manifest: it is still fresh, and not listed.
  assert.not.match(result.stderr, /manifest\.json/);
  assert.is(readFileSync(routes, "utf8"), "// edited by hand\n");

  const fresh = tempProject(SOURCE);
  const missing = runCli(["-p", join(fresh, "tsconfig.json"), "--check"]);
  assert.is(missing.status, 1);
  assert.match(missing.stderr, /routes\.ts is missing/);
  assert.not.ok(existsSync(join(fresh, "generated")));
});

test("--check prints a unified diff of what is stale, capped", async () => {
  const dir = tempProject(SOURCE);
  runCli(["-p", join(dir, "tsconfig.json")]);
  writeFileSync(join(dir, "src/api.ts"), SOURCE["src/api.ts"].replace("text: string", "text: string, pinned: boolean"));
  const result = runCli(["-p", join(dir, "tsconfig.json"), "--check"]);
  assert.is(result.status, 1);
  assert.match(result.stderr, /--- a\/.*generated\/client\.ts\n\+\+\+ b\/.*generated\/client\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
  assert.match(result.stderr, /\n-export function addNote\(ownerId: number, text: string\): Promise<void> \{\n/);
  assert.match(result.stderr, /\n\+export function addNote\(ownerId: number, text: string, pinned: boolean\): Promise<void> \{\n/);
  assert.match(result.stderr, /\n\+  addNote: z\.strictObject\(\{ ownerId: z\.number\(\), text: z\.string\(\), pinned: z\.boolean\(\) \}\),\n/);

  // A missing file is a diff from /dev/null, cut at the cap with a count of what is left.
  const { MAX_DIFF_LINES } = await import("../../compiler/cli/diff.js");
  const many = Array.from({ length: 30 }, (_, i) => `  @client({ affects: Notes })\n  static async note${i}(ownerId: number): Promise<void> {}\n`);
  const fresh = tempProject({ "src/api.ts": SOURCE["src/api.ts"].replace(/}\n$/, many.join("") + "}\n") });
  const missing = runCli(["-p", join(fresh, "tsconfig.json"), "--check"]);
  assert.match(missing.stderr, /--- \/dev\/null\n\+\+\+ b\/.*generated\/client\.ts\n@@ -0,0 \+1,\d+ @@\n/);
  const shown = missing.stderr.split("\n").filter((line) => /^(\+|-|@@| )/.test(line)).length;
  assert.is(shown, MAX_DIFF_LINES);
  assert.match(missing.stderr, /\.\.\. \d+ more lines of diff not shown/);
});

test("the diff is the shortest one, with three lines of context", async () => {
  const { unifiedDiff } = await import("../../compiler/cli/diff.js");
  const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
  const after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
  assert.equal(unifiedDiff("x.ts", before, after), [
    "--- a/x.ts", "+++ b/x.ts",
    "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h",
    "@@ -11,3 +11,4 @@", " k", " l", " m", "+n",
  ]);
  assert.equal(unifiedDiff("x.ts", before, before), []);
});

test("--version and --help, which describes every flag", () => {
  const version = runCli(["--version"]);
  assert.is(version.status, 0);
  assert.match(version.stdout, /^mizan-gen \d+\.\d+\.\d+/);
  const help = runCli(["--help"]);
  assert.is(help.status, 0);
  for (const flag of ["--project", "--out", "--check", "--watch", "--version", "--help"]) assert.match(help.stdout, flag);
  assert.match(help.stdout, /Exit codes/);
});

test("a folder with no tsconfig gets a clear message and exit 2; a folder as --project is read as tsc does", () => {
  const empty = mkdtempSync(join(tmpdir(), "mizan-empty-"));
  const result = runCli([], empty);
  assert.is(result.status, 2);
  assert.match(result.stderr, /no tsconfig\.json in .*mizan-empty-.*--project path\/to\/tsconfig\.json/);
  const dir = tempProject(SOURCE);
  const byFolder = runCli(["-p", dir]);
  assert.is(byFolder.status, 0, byFolder.stderr);
  assert.ok(existsSync(join(dir, "generated/routes.ts")));
});

test("a solution-style tsconfig (Vite's): the referenced project that imports mizan is read; with several, the run asks which", () => {
  const dir = tempProject(SOURCE);
  const app = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(join(dir, "tsconfig.app.json"), JSON.stringify(app));
  writeFileSync(join(dir, "tsconfig.node.json"), JSON.stringify({ ...app, include: ["vite.config.ts"] }));
  writeFileSync(join(dir, "vite.config.ts"), "export default {};\n");
  const solution = { files: [], references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.node.json" }] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(solution));
  const result = runCli(["-p", dir]);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, "tsconfig.json holds no files: reading");
  assert.match(result.stdout, "tsconfig.app.json, the project it references that imports mizan");
  assert.match(result.stdout, "2 functions");
  assert.ok(existsSync(join(dir, "generated/routes.ts")));
  // Both references import mizan: no guess.
  writeFileSync(join(dir, "vite.config.ts"), 'import { defineContext } from "mizan";\nexport const Other = defineContext("other");\n');
  writeFileSync(join(dir, "tsconfig.node.json"), JSON.stringify({ ...app, include: ["vite.config.ts"], compilerOptions: {} }));
  const both = runCli(["-p", dir]);
  assert.is(both.status, 1);
  assert.match(both.stderr, /holds no files, and several projects it references import mizan \(.*tsconfig\.app\.json, .*tsconfig\.node\.json\): run mizan-gen --project/);
  rmSync(dir, { recursive: true, force: true });
});

test("under bundler resolution (Next.js, Vite) routes.ts imports the classes without an extension, which every bundler resolves", () => {
  const dir = tempProject(SOURCE);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const write = (options: Record<string, unknown>) =>
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, ...options } }));
  write({ module: "esnext", moduleResolution: "bundler" });
  assert.is(runCli(["-p", dir]).status, 0);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), 'import { NotesApi } from "../src/api";');
  write({});
  assert.is(runCli(["-p", dir]).status, 0);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), 'import { NotesApi } from "../src/api.js";');
  rmSync(dir, { recursive: true, force: true });
});

test("when tsc rewrites relative import extensions, routes.ts imports the classes by their .ts names, as the project does, and compiles", () => {
  const dir = tempProject(SOURCE);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const options = { ...tsconfig.compilerOptions, rewriteRelativeImportExtensions: true, noEmit: true, typeRoots: [join(ROOT, "node_modules/@types")] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: options, include: ["src", "generated"] }));
  assert.is(runCli(["-p", dir]).status, 0);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), 'import { NotesApi } from "../src/api.ts";');
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
  assert.is(tsc.status, 0, tsc.stdout);
  rmSync(dir, { recursive: true, force: true });
});

test("the resolution in force decides: module preserve or esnext without moduleResolution is bundler, and writes what it writes", () => {
  const dir = tempProject(SOURCE);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const generate = (options: Record<string, unknown>) => {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, ...options } }));
    const result = runCli(["-p", dir]);
    assert.is(result.status, 0, result.stderr);
    return ["routes.ts", "client.ts"].map((name) => readFileSync(join(dir, "generated", name), "utf8"));
  };
  for (const module of ["preserve", "esnext"]) {
    const written = generate({ module, moduleResolution: "bundler" });
    assert.match(written[0]!, 'import { NotesApi } from "../src/api";');
    // Unset (null: not inherited from the base): TypeScript's default for these modules, "using 'Bundler'" in tsc's trace.
    assert.equal(generate({ module, moduleResolution: null }), written, module);
  }
  rmSync(dir, { recursive: true, force: true });
});

test("generated files that would be CommonJS under verbatimModuleSyntax are MZ6004; an ES module out folder compiles, and CommonJS code requires it", () => {
  const dir = tempProject({
    "package.json": JSON.stringify({ private: true, type: "commonjs" }),
    // ES module sources in a CommonJS package; the server code stays CommonJS.
    "src/api.mts": SOURCE["src/api.ts"],
    "src/server.ts": 'import generated = require("../generated/routes.js");\nimport server = require("mizan/server");\nconst handler = server.createHandler({ routes: generated.routes });\nexport = handler;\n',
  });
  const refused = runCli(["-p", dir]);
  assert.is(refused.status, 1);
  assert.match(refused.stderr, /src\/api\.mts:\d+:\d+ - error MZ6004: the package\.json scope of generated\/ is CommonJS/);
  assert.not.ok(existsSync(join(dir, "generated/routes.ts")));
  // The hint's fix: the out folder an ES module scope of its own.
  mkdirSync(join(dir, "generated"));
  writeFileSync(join(dir, "generated/package.json"), JSON.stringify({ type: "module" }));
  assert.is(runCli(["-p", dir]).status, 0);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: object; include: string[] };
  // No node_modules above a temporary folder: @types/node is the repository's.
  const compilerOptions = { ...tsconfig.compilerOptions, typeRoots: [join(ROOT, "node_modules/@types")] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions, include: [...tsconfig.include, "generated"] }));
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
  assert.is(tsc.stdout + tsc.stderr, "");
  rmSync(dir, { recursive: true, force: true });
});

test("a CommonJS package under module node16 or node18 is MZ6004 (tsc's TS1479 on each import of mizan); under node20 tsc compiles the files", () => {
  const dir = tempProject({ "package.json": JSON.stringify({ private: true }), ...SOURCE });
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: object; include: string[] };
  const setModule = (module: string) => {
    // No node_modules above a temporary folder: @types/node is the repository's.
    const compilerOptions = { ...tsconfig.compilerOptions, module, moduleResolution: module === "node18" || module === "node20" ? "node16" : module, verbatimModuleSyntax: false, typeRoots: [join(ROOT, "node_modules/@types")] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions, include: [...tsconfig.include, "generated"] }));
  };
  const tsc = () => spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
  for (const module of ["node16", "node18"]) {
    setModule(module);
    const refused = runCli(["-p", dir]);
    assert.is(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`src/api\\.ts:\\d+:\\d+ - error MZ6004: module is ${module}, under which a CommonJS file cannot import an ES module, and the package\\.json scope of generated/ is CommonJS`));
    assert.not.ok(existsSync(join(dir, "generated/routes.ts")));
    // What tsc says of the project's own import of mizan under it.
    assert.match(tsc().stdout, /src\/api\.ts\(1,\d+\): error TS1479/);
  }
  setModule("node20");
  assert.is(runCli(["-p", dir]).status, 0);
  const built = tsc();
  assert.is(built.stdout + built.stderr, "");
  rmSync(dir, { recursive: true, force: true });
});

test("an error exits 1, prints every diagnostic, and writes nothing", () => {
  const result = runCli(["-p", join(fixtureDir("errors", "contexts"), "tsconfig.json")]);
  assert.is(result.status, 1);
  assert.is(result.stderr.match(/ - error MZ\d{4}: /g)?.length, 10);
  assert.match(result.stderr, /src\/api\.ts:30:22 - error MZ3001: nothing is named "userLst"; did you mean "userList"\?\n  hint: /);
  assert.match(result.stderr, /10 errors; nothing written/);
  assert.not.ok(existsSync(join(fixtureDir("errors", "contexts"), "out")));
});

test("a declaring file that does not parse is MZ1011, and the generated files keep what they had", () => {
  const dir = tempProject(SOURCE);
  assert.is(runCli(["-p", join(dir, "tsconfig.json")]).status, 0);
  const before = readFileSync(join(dir, "generated/routes.ts"), "utf8");
  // A stray brace after the first method: the second would be read as outside the class.
  writeFileSync(join(dir, "src/api.ts"), SOURCE["src/api.ts"].replace("return []; }", "return []; }\n  }"));
  const result = runCli(["-p", join(dir, "tsconfig.json")]);
  assert.is(result.status, 1, result.stdout);
  assert.match(result.stderr, /src\/api\.ts:\d+:\d+ - error MZ1011: the file does not parse: /);
  assert.match(result.stderr, /nothing written/);
  assert.is(readFileSync(join(dir, "generated/routes.ts"), "utf8"), before);
});

test("every diagnostic reaches a pipe, however many: the process waits for its output before it exits", () => {
  const methods = Array.from({ length: 2000 }, (_, i) => `  @client({ affects: C }) static async f${i}(m: Map<string, number>): Promise<number> { return 0; }`);
  const dir = tempProject({
    "src/bad.ts": `import { client, defineContext } from "mizan";\nexport const C = defineContext("c");\nexport class Bad {\n${methods.join("\n")}\n}\n`,
  });
  // spawnSync reads stderr through a pipe, where a process's writes are asynchronous.
  const result = runCli(["-p", join(dir, "tsconfig.json")]);
  assert.is(result.status, 1);
  assert.ok(result.stderr.length > 200_000, String(result.stderr.length));
  assert.is(result.stderr.match(/MZ2001/g)?.length, 2000);
  assert.match(result.stderr, /mizan-gen: 2000 errors; nothing written\n$/);
});

test("a tsconfig tsc refuses (bad JSON, an extends that names no file) is refused with tsc's errors, not read in part", () => {
  const dir = tempProject(SOURCE);
  writeFileSync(join(dir, "broken.json"), "{ bad json");
  writeFileSync(join(dir, "orphan.json"), JSON.stringify({ extends: "./missing-base.json", include: ["src"] }));
  const broken = runCli(["-p", join(dir, "broken.json")]);
  assert.is(broken.status, 1);
  assert.match(broken.stderr, /cannot use .*broken\.json, as tsc cannot:\n {2}.*broken\.json:1:\d+ - error TS1\d{3}/);
  // tsc's parse errors of the file and the errors of reading it, all of them.
  assert.match(broken.stderr, /broken\.json:1:7 - error TS1005/);
  assert.match(broken.stderr, /broken\.json:1:3 - error TS1136/);
  const orphan = runCli(["-p", join(dir, "orphan.json")]);
  assert.is(orphan.status, 1);
  assert.match(orphan.stderr, /error TS5083: Cannot read file '.*missing-base\.json'/);
  // Errors tsc finds in the options once it builds the program, and entries that name no file.
  const base = join(ROOT, "fixtures/tsconfig.base.json");
  const configs = {
    "conflict.json": { extends: base, compilerOptions: { module: "nodenext", moduleResolution: "bundler" }, include: ["src"] },
    "deprecated.json": { extends: base, compilerOptions: { module: "commonjs", moduleResolution: "node10" }, include: ["src"] },
    "missing.json": { extends: base, files: ["src/api.ts", "src/gone.ts"] },
    "reference.json": { extends: base, include: ["src"], references: [{ path: "./nope" }] },
  };
  for (const [name, config] of Object.entries(configs)) writeFileSync(join(dir, name), JSON.stringify(config));
  assert.match(runCli(["-p", join(dir, "conflict.json")]).stderr, /error TS5095/);
  assert.match(runCli(["-p", join(dir, "deprecated.json")]).stderr, /error TS5107: Option 'moduleResolution=node10' is deprecated/);
  assert.match(runCli(["-p", join(dir, "missing.json")]).stderr, /error TS6053: File '.*src\/gone\.ts' not found/);
  assert.match(runCli(["-p", join(dir, "reference.json")]).stderr, /error TS6053: File '.*nope\/tsconfig\.json' not found/);
  assert.not.ok(existsSync(join(dir, "generated")));
  // What tsc accepts still runs: the same deprecated option, its deprecation acknowledged.
  // (verbatimModuleSyntax off: CommonJS generated files are MZ6004 under it.)
  const acknowledged = { ...configs["deprecated.json"], compilerOptions: { ...configs["deprecated.json"].compilerOptions, ignoreDeprecations: "6.0", verbatimModuleSyntax: false } };
  writeFileSync(join(dir, "acknowledged.json"), JSON.stringify(acknowledged));
  assert.is(runCli(["-p", join(dir, "acknowledged.json")]).status, 0);
});

test("a project built by TypeScript 5: not refused for what TypeScript 6 deprecates (baseUrl), and its unset strict is off", () => {
  const dir = tempProject(SOURCE);
  const tsconfig = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, baseUrl: join(ROOT, "fixtures") } }));
  const refused = runCli(["-p", dir]);
  assert.match(refused.stderr, /error TS5101: Option 'baseUrl' is deprecated/);
  // The project's own compiler (a NestJS starter's TypeScript 5.7) would refuse `ignoreDeprecations: "6.0"`.
  mkdirSync(join(dir, "node_modules/typescript"), { recursive: true });
  writeFileSync(join(dir, "node_modules/typescript/package.json"), JSON.stringify({ name: "typescript", version: "5.7.3" }));
  const taken = runCli(["-p", dir]);
  assert.is(taken.status, 0, taken.stderr);
  assert.match(taken.stdout, /2 functions/);
  assert.not.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), "@ts-nocheck", "strict is set on in the base config");
  // TypeScript 5's `strict` is off unless set: its build does not check nulls, and routes.ts says so.
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, baseUrl: join(ROOT, "fixtures"), strict: null } }));
  assert.is(runCli(["-p", dir]).status, 0);
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), "// @ts-nocheck");
  rmSync(dir, { recursive: true, force: true });
});

test("a project's own TypeScript before 5.7, or before 5.8 for a CommonJS file under nodenext, is warned of once (MZ6006), and the run succeeds", () => {
  const installTypescript = (dir: string, version: string) => {
    mkdirSync(join(dir, "node_modules/typescript"), { recursive: true });
    writeFileSync(join(dir, "node_modules/typescript/package.json"), JSON.stringify({ name: "typescript", version }));
  };
  const warnings = (stderr: string) => stderr.match(/warning MZ6006/g)?.length ?? 0;

  const esm = tempProject(SOURCE);
  const none = runCli(["-p", esm]);
  assert.is(warnings(none.stderr), 0, "no TypeScript of the project's own");
  installTypescript(esm, "5.6.3");
  const old = runCli(["-p", esm]);
  assert.is(old.status, 0, old.stderr);
  assert.match(old.stdout, /scanned 1 file: 2 functions, 1 context → /);
  assert.match(
    old.stderr,
    /^node_modules\/typescript\/package\.json:1:1 - warning MZ6006: the project's own TypeScript is 5\.6\.3 \(node_modules\/typescript\/package\.json\), whose tsc cannot read mizan's declarations .*upgrade typescript to 5\.7 or later\n  hint: Upgrade the project's typescript/m,
  );
  assert.is(warnings(old.stderr), 1);
  const warm = runCli(["-p", esm]);
  assert.match(warm.stdout, /up to date/);
  assert.is(warnings(warm.stderr), 1, "said again while nothing changed");
  installTypescript(esm, "5.7.3");
  assert.is(warnings(runCli(["-p", esm]).stderr), 0, "5.7 reads an ES module project");

  // A CommonJS project (NestJS's) under nodenext: the generated files ES modules of their own (MZ6004 otherwise).
  const cjs = tempProject({ ...SOURCE, "package.json": JSON.stringify({ private: true, type: "commonjs" }), "generated/package.json": JSON.stringify({ type: "module" }) });
  const tsconfig = JSON.parse(readFileSync(join(cjs, "tsconfig.json"), "utf8")) as { compilerOptions: object };
  writeFileSync(join(cjs, "tsconfig.json"), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, verbatimModuleSyntax: false } }));
  installTypescript(cjs, "5.7.3");
  const commonjs = runCli(["-p", cjs]);
  assert.is(commonjs.status, 0, commonjs.stderr);
  assert.match(
    commonjs.stderr,
    /^src\/api\.ts:1:39 - warning MZ6006: the project's own TypeScript is 5\.7\.3 \(node_modules\/typescript\/package\.json\), and this CommonJS file imports mizan, an ES module, under module nodenext: tsc before 5\.8 refuses that import \(TS1479\); upgrade typescript to 5\.8 or later$/m,
  );
  assert.is(warnings(commonjs.stderr), 1);
  installTypescript(cjs, "5.8.2");
  const current = runCli(["-p", cjs]);
  assert.is(current.status, 0, current.stderr);
  assert.is(warnings(current.stderr), 0, "5.8 takes the import");
  rmSync(esm, { recursive: true, force: true });
  rmSync(cjs, { recursive: true, force: true });
});

test("bad arguments exit 2 with the usage", () => {
  const result = runCli(["--frobnicate"]);
  assert.is(result.status, 2);
  assert.match(result.stderr, /usage: mizan-gen/);
});

test.run();
