// Project references: the @client classes live in a referenced project,
// which tsc's program sees only through its built declarations (decorators
// erased). One-pass tspc must still find them, and write what mizan-gen
// writes for the same tsconfig.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../support/compiler.js";
import { ARTIFACTS, TSC, TSPC, artifactProject, linkMizan, runTsc } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
}
`;

const API_OPTIONS = {
  composite: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
  strict: true, skipLibCheck: true, types: [], outDir: "dist", rootDir: "src",
};

/** The app's project (the plugin entry, one pass) referencing ./api, which holds the @client class. */
function referencingProject(name: string): string {
  const dir = artifactProject(name, {
    files: {
      "api/src/notes.ts": API,
      "api/tsconfig.json": JSON.stringify({
        compilerOptions: API_OPTIONS,
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

/**
 * A monorepo: the app (one-pass plugin entry) referencing a built workspace package beside it, linked
 * into its node_modules, whose package.json points at its built declarations (decorators erased).
 */
function referencedPackage(name: string, manifest: object, server: string, build = true, index = `export { Notes } from "./notes.js";\n`): string {
  const api = join(ARTIFACTS, `${name}-api`);
  rmSync(api, { recursive: true, force: true });
  for (const [path, text] of Object.entries({
    "src/notes.ts": API,
    "src/index.ts": index,
    "package.json": JSON.stringify({ name: "@acme/api", type: "module", ...manifest }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { ...API_OPTIONS, declaration: true }, include: ["src"] }),
  })) {
    mkdirSync(dirname(join(api, path)), { recursive: true });
    writeFileSync(join(api, path), text);
  }
  linkMizan(api);
  if (build) {
    const built = runTsc(join(api, "tsconfig.json"), TSC);
    assert.is(built.status, 0, built.stdout);
  }
  const dir = artifactProject(name, {
    files: { "src/server.ts": server },
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", transformProgram: true, out: "generated" }] },
  });
  const tsconfig = join(dir, "tsconfig.json");
  writeFileSync(tsconfig, JSON.stringify({ ...(JSON.parse(readFileSync(tsconfig, "utf8")) as object), references: [{ path: api }] }, null, 2));
  mkdirSync(join(dir, "node_modules/@acme"), { recursive: true });
  symlinkSync(api, join(dir, "node_modules/@acme/api"), "dir");
  return tsconfig;
}

/**
 * mizan-gen and one-pass tspc find the class and import it by `specifier`, which Node resolves to the
 * built package, under `name` (the package's name for it, aliased to NotesApi when another).
 */
function importedBy(tsconfig: string, specifier: string, name = "NotesApi"): void {
  const dir = dirname(tsconfig);
  const generated = runCli(["-p", tsconfig]);
  assert.is(generated.status, 0, generated.stdout + generated.stderr);
  assert.match(generated.stdout, /1 function/);
  assert.not.match(generated.stderr, /MZ6007/);
  const imported = name === "NotesApi" ? name : `${name} as NotesApi`;
  assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), `import { ${imported} } from "${specifier}";`);
  const loaded = spawnSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier)}); console.log(typeof m[${JSON.stringify(name)}]);`], { cwd: dir, encoding: "utf8" });
  assert.is(loaded.stdout.trim(), "function", loaded.stderr);

  rmSync(join(dir, "generated"), { recursive: true });
  const build = runTsc(tsconfig, undefined, [], { MIZAN_TIMING: "1" });
  assert.is(build.status, 0, build.stdout + build.stderr);
  assert.match(build.stderr, /mizan: 1 function analysed/);
  const check = runCli(["--check", "-p", tsconfig]);
  assert.is(check.status, 0, check.stdout + check.stderr);
}

const dist = (file: string) => ({ types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` });

test("a referenced workspace package imported by its name is read from its source, by mizan-gen and one-pass tspc alike", () => {
  const manifest = { exports: { ".": dist("index") } };
  const tsconfig = referencedPackage("references-package", manifest, `import { NotesApi } from "@acme/api";\nexport const api = NotesApi;\n`);
  writeFileSync(join(dirname(tsconfig), "../references-package-api/src/index.ts"), `export { Notes, NotesApi } from "./notes.js";\n`);
  assert.is(runTsc(join(dirname(tsconfig), "../references-package-api/tsconfig.json"), TSC).status, 0);
  importedBy(tsconfig, "@acme/api");
});

test("a class of a referenced package under a subpath export is imported by that subpath, which is there at run time", () => {
  const manifest = { exports: { ".": dist("index"), "./notes": dist("notes") } };
  importedBy(referencedPackage("references-subpath", manifest, `import { NotesApi } from "@acme/api/notes";\nexport const api = NotesApi;\n`), "@acme/api/notes");
  const wildcard = { exports: { ".": dist("index"), "./*": dist("*") } };
  importedBy(referencedPackage("references-wildcard", wildcard, `import { NotesApi } from "@acme/api/notes";\nexport const api = NotesApi;\n`), "@acme/api/notes");
});

test("a wildcard export onto built files with their extension: imported by the .js subpath, never a declaration file", () => {
  const manifest = { exports: { ".": dist("index"), "./*": "./dist/*" } };
  importedBy(referencedPackage("references-wildext", manifest, `import { NotesApi } from "@acme/api/notes.js";\nexport const api = NotesApi;\n`), "@acme/api/notes.js");
});

test("a class a subpath of the package re-exports (a barrel) is imported by that subpath", () => {
  const manifest = { exports: { "./admin": dist("index") } };
  const barrel = `export { Notes, NotesApi } from "./notes.js";\n`;
  importedBy(referencedPackage("references-barrel", manifest, `import { NotesApi } from "@acme/api/admin";\nexport const api = NotesApi;\n`, true, barrel), "@acme/api/admin");
});

test("a class the package's entry publishes under another name is imported by that name, aliased", () => {
  const manifest = { exports: { ".": dist("index") } };
  const index = `export { Notes, NotesApi as Api } from "./notes.js";\n`;
  importedBy(referencedPackage("references-renamed", manifest, `import { Api } from "@acme/api";\nexport const api = Api;\n`, true, index), "@acme/api", "Api");
  // Renamed in a module the entry passes on with `export *`.
  const tsconfig = referencedPackage("references-renamed-star", manifest, `import { Api } from "@acme/api";\nexport const api = Api;\n`, false, `export * from "./api.js";\n`);
  const api = join(dirname(tsconfig), "../references-renamed-star-api");
  writeFileSync(join(api, "src/api.ts"), `export { NotesApi as Api } from "./notes.js";\n`);
  assert.is(runTsc(join(api, "tsconfig.json"), TSC).status, 0);
  importedBy(tsconfig, "@acme/api", "Api");
});

test("a class a subpath publishes under another name is imported from that subpath by that name, aliased", () => {
  const manifest = { exports: { "./admin": dist("index") } };
  const index = `export { Notes } from "./notes.js";\nexport { NotesApi as AdminNotes } from "./notes.js";\n`;
  importedBy(referencedPackage("references-renamed-subpath", manifest, `import { AdminNotes } from "@acme/api/admin";\nexport const api = AdminNotes;\n`, true, index), "@acme/api/admin", "AdminNotes");
});

test("a class a subpath publishes as its default export is imported as the default, aliased", () => {
  const manifest = { exports: { "./notes": dist("index") } };
  const server = `import Api from "@acme/api/notes";\nexport const api = Api;\n`;
  const reexported = `export { NotesApi as default } from "./notes.js";\n`;
  importedBy(referencedPackage("references-default", manifest, server, true, reexported), "@acme/api/notes", "default");
  const assigned = `import { NotesApi } from "./notes.js";\nexport default NotesApi;\n`;
  importedBy(referencedPackage("references-default-assigned", manifest, server, true, assigned), "@acme/api/notes", "default");
});

test("an ES module's import of a package reached by its `import` condition only is followed as tsc follows it", () => {
  const manifest = { exports: { "./notes": { import: "./dist/notes.js" } } };
  importedBy(referencedPackage("references-import-only", manifest, `import { NotesApi } from "@acme/api/notes";\nexport const api = NotesApi;\n`), "@acme/api/notes");
});

test("a referenced package without exports is imported by its built file's path, not its source's", () => {
  const tsconfig = referencedPackage("references-types", { types: "./dist/index.d.ts", main: "./dist/index.js" }, `import { NotesApi } from "@acme/api/dist/notes.js";\nexport const api = NotesApi;\n`);
  importedBy(tsconfig, "@acme/api/dist/notes.js");
});

test("a class its package publishes from no entry, or only inside a namespace, is MZ1002 (its source is not there at run time)", () => {
  const manifest = { exports: { ".": dist("index") } };
  const shapes = [
    { name: "references-unpublished", index: `export { Notes } from "./notes.js";\n`, server: `import { Notes } from "@acme/api";\nexport const notes = Notes;\n` },
    { name: "references-namespace", index: `export * as Api from "./notes.js";\n`, server: `import { Api } from "@acme/api";\nexport const api = Api.NotesApi;\n` },
  ];
  for (const { name, index, server } of shapes) {
    const tsconfig = referencedPackage(name, manifest, server, true, index);
    const generated = runCli(["-p", tsconfig]);
    assert.is(generated.status, 1, generated.stdout + generated.stderr);
    assert.match(generated.stdout + generated.stderr, /MZ1002: class `NotesApi` is in the package "@acme\/api" \(\.\.\/[^)]*\/src\/notes\.ts\), whose entries do not export it/);
    const build = runTsc(tsconfig);
    assert.is.not(build.status, 0, build.stdout);
    assert.match(build.stdout, /MZ1002/);
  }
  // A package that runs from its sources (an internal package, for a bundler or tsx): the relative path runs where it does.
  const internal = { exports: { ".": { types: "./dist/index.d.ts", default: "./src/index.ts" } } };
  const fromSource = referencedPackage("references-unpublished-internal", internal, shapes[0]!.server, true, shapes[0]!.index);
  const relative = runCli(["-p", fromSource]);
  assert.is(relative.status, 0, relative.stdout + relative.stderr);
  assert.match(readFileSync(join(dirname(fromSource), "generated/routes.ts"), "utf8"), /import \{ NotesApi \} from "(?:\.\.\/)+references-unpublished-internal-api\/src\/notes\.js";/);
  // Exported by a subpath of its package: imported by that, no diagnostic.
  const subpath = { exports: { ".": dist("index"), "./*": dist("*") } };
  importedBy(referencedPackage("references-unpublished-subpath", subpath, `import { Notes } from "@acme/api";\nexport const notes = Notes;\n`), "@acme/api/notes");
});

/** The app's tsconfig without `references`, and its package.json, with `dependencies` if given. */
function unreferenced(tsconfig: string, dependencies?: Record<string, string>): void {
  const config = JSON.parse(readFileSync(tsconfig, "utf8")) as { references?: unknown };
  delete config.references;
  writeFileSync(tsconfig, JSON.stringify(config));
  writeFileSync(join(dirname(tsconfig), "package.json"), JSON.stringify({ name: "app", type: "module", ...(dependencies && { dependencies }) }));
}

test("a workspace package the app depends on, whose own tsconfig builds its declarations, is read from its source without `references`, built or not", () => {
  // As a compiled package, and as Turborepo's internal ones: declarations for types, the source run by a bundler.
  const compiled = { exports: { ".": dist("index") } };
  const internal = { exports: { ".": { types: "./dist/index.d.ts", default: "./src/index.ts" } } };
  for (const [name, manifest] of [["references-workspace", compiled], ["references-internal", internal]] as const) {
    const server = `import { NotesApi } from "@acme/api";\nexport const api = NotesApi;\n`;
    const tsconfig = referencedPackage(name, manifest, server, true, `export { Notes, NotesApi } from "./notes.js";\n`);
    unreferenced(tsconfig, { "@acme/api": "*" });
    const dir = dirname(tsconfig);
    const generated = runCli(["-p", tsconfig]);
    assert.is(generated.status, 0, generated.stdout + generated.stderr);
    assert.match(generated.stdout, /1 function/);
    assert.not.match(generated.stderr, /MZ6007/);
    assert.match(readFileSync(join(dir, "generated/routes.ts"), "utf8"), 'import { NotesApi } from "@acme/api";');
    rmSync(join(dir, "generated"), { recursive: true });
    const build = runTsc(tsconfig, undefined, [], { MIZAN_TIMING: "1" });
    assert.is(build.status, 0, build.stdout + build.stderr);
    assert.match(build.stderr, /mizan: 1 function analysed/);
    assert.not.match(build.stderr, /MZ6007/);
    assert.is(runCli(["--check", "-p", tsconfig]).status, 0);
    // The package's tsconfig decides what is read: a change of it is a change of the inputs.
    assert.match(runCli(["-p", tsconfig]).stdout, /up to date/);
    const packageConfig = join(dir, `../${name}-api/tsconfig.json`);
    writeFileSync(packageConfig, `${readFileSync(packageConfig, "utf8")}\n`);
    assert.not.match(runCli(["-p", tsconfig]).stdout, /up to date/);
    // Not built (a fresh clone): the same.
    rmSync(join(dir, `../${name}-api/dist`), { recursive: true });
    const fresh = runCli(["--check", "-p", tsconfig]);
    assert.is(fresh.status, 0, fresh.stdout + fresh.stderr);
  }
});

test("a workspace package read from its built declarations, neither a dependency nor referenced, is warned of (MZ6007), once", () => {
  const manifest = { exports: { ".": dist("index") } };
  const server = `import { NotesApi } from "@acme/api";\nimport type { Notes } from "@acme/api";\nexport const api = NotesApi;\n`;
  const tsconfig = referencedPackage("references-missing", manifest, server, true, `export { Notes, NotesApi } from "./notes.js";\n`);
  unreferenced(tsconfig);
  const warning = /src\/server\.ts:1:26 - warning MZ6007: the package "@acme\/api" is read from its built declarations \(\.\.\/references-missing-api\/dist\/(?:index|notes)\.d\.ts\), where decorators are erased: the @client methods of \.\.\/references-missing-api\/src\/notes\.ts are not served/;
  const generated = runCli(["-p", tsconfig]);
  assert.is(generated.status, 0, generated.stdout + generated.stderr);
  assert.match(generated.stderr, warning);
  assert.is(generated.stderr.split("MZ6007").length, 2, generated.stderr);
  // tspc prints it as mizan-gen does, and its build passes (tsc's status would count a warning it reports).
  const build = runTsc(tsconfig);
  assert.is(build.status, 0, build.stdout + build.stderr);
  assert.match(build.stderr, warning);
  // A package whose sources use no @client: nothing to say.
  writeFileSync(join(dirname(tsconfig), "../references-missing-api/src/index.ts"), `export const version = 1;\n`);
  assert.is(runTsc(join(dirname(tsconfig), "../references-missing-api/tsconfig.json"), TSC).status, 0);
  writeFileSync(join(dirname(tsconfig), "src/server.ts"), `import { version } from "@acme/api";\nexport const v = version;\n`);
  const quiet = runCli(["-p", tsconfig]);
  assert.not.match(quiet.stdout + quiet.stderr, /MZ6007/);
});

test("mizan-gen reads a referenced package not built yet from its source (a CI check before the build)", () => {
  const manifest = { exports: { ".": dist("index"), "./notes": dist("notes") } };
  const tsconfig = referencedPackage("references-unbuilt", manifest, `import { NotesApi } from "@acme/api/notes";\nexport const api = NotesApi;\n`, false);
  const generated = runCli(["-p", tsconfig]);
  assert.is(generated.status, 0, generated.stdout + generated.stderr);
  assert.match(generated.stdout, /1 function/);
  assert.match(readFileSync(join(dirname(tsconfig), "generated/routes.ts"), "utf8"), 'import { NotesApi } from "@acme/api/notes";');
});

test.run();
