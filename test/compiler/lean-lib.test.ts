// mizan-gen's cold runs analyse a program without the DOM libraries when
// that cannot change the result (compiler/host/lean-lib): for every fixture
// project, the demo and the benchmark's shapes, the generated files and
// diagnostics equal those of the full program; the shapes, and the fixtures'
// sources alone, take the lean program (the check is not one that always
// refuses); and each way a DOM global can matter makes the run use the full
// program, before the analysis or during it. The projects live under
// test/artifacts, where @types/node resolves as in a real project.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeSyntheticProject } from "../../bench/synthetic.js";
import { coldRun } from "../../compiler/cli/cold.js";
import { formatDiagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { loadProject } from "../../compiler/host/project.js";
import { cacheDir } from "../../compiler/host/typescript.js";
import { fixtureDir, fixtureNames, ROOT } from "../support/compiler.js";

const ARTIFACTS = join(ROOT, "test/artifacts/lean-lib");

/** The generated files and diagnostics of a cold run, lean when allowed or always full; and whether it stayed lean. */
function run(tsconfig: string, leanLib: boolean): { output: string; lean: boolean } {
  const { generation, lean } = coldRun(tsconfig, undefined, leanLib);
  const files = generation.files.map((f) => `=== ${f.name}\n${f.text}`);
  return { output: [...files, ...generation.diagnostics.map(formatDiagnostic)].join("\n"), lean };
}

/** Runs both ways; the outputs must be equal. Returns whether the lean run kept the lean program. */
function same(tsconfig: string): boolean {
  const lean = run(tsconfig, true);
  assert.fixture(lean.output, run(tsconfig, false).output);
  return lean.lean;
}

/** Did the check before the analysis allow the lean program? */
function allowed(tsconfig: string): boolean {
  return loadProject(tsconfig, { leanLib: true }).leanLib !== undefined;
}

function project(name: string, files: Record<string, string>, plugin: Record<string, unknown> = {}): string {
  const dir = join(ARTIFACTS, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tsconfig = { extends: join(ROOT, "fixtures/tsconfig.base.json"), compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated", ...plugin }] }, include: ["src"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  return join(dir, "tsconfig.json");
}

/** An api file with one context and these members and top-level lines. */
function api(members: string, prelude = ""): Record<string, string> {
  return {
    "src/api.ts": `import { client, defineContext, type Req } from "mizan";\n${prelude}\nexport const Ctx = defineContext("ctx");\nexport class Api {\n  @client({ context: Ctx })\n  static async ok(req: Req, id: number): Promise<{ id: number; user: boolean }> {\n    return { id, user: req.user !== null };\n  }\n${members}\n}\n`,
  };
}

for (const name of fixtureNames("projects")) {
  test(`fixture ${name}: the same files and diagnostics as with the full lib`, () => {
    same(join(fixtureDir("projects", name), "tsconfig.json"));
  });
}

test("the demo: the same files as with the full lib", () => {
  same(join(ROOT, "examples/tsconfig.json"));
});

test("the fixtures' sources alone: lean where nothing reaches the DOM, and the same files", () => {
  const leanOnes: string[] = [];
  for (const name of fixtureNames("projects")) {
    const dir = join(ARTIFACTS, `fixture-${name}`);
    mkdirSync(dir, { recursive: true });
    const tsconfig = join(dir, "tsconfig.json");
    const fixture = fixtureDir("projects", name);
    writeFileSync(tsconfig, JSON.stringify({ extends: join(fixture, "tsconfig.json"), include: [join(fixture, "src")] }));
    if (same(tsconfig)) leanOnes.push(name);
  }
  // edge returns a Response from a view path; shop reads req.request; zod's declarations, which schemas imports, name URL.
  assert.equal(leanOnes, fixtureNames("projects").filter((name) => !["edge", "schemas", "shop"].includes(name)));
});

test("the benchmark's shapes take the lean program and give the same files", () => {
  const shapes = [
    { name: "one", files: 1, decoratedFiles: 1, methodsPerFile: 1 },
    { name: "dense", files: 10, decoratedFiles: 10, methodsPerFile: 10 },
    { name: "dense-trivial", files: 10, decoratedFiles: 10, methodsPerFile: 10, bodies: "trivial" as const },
    { name: "sparse", files: 20, decoratedFiles: 4, methodsPerFile: 5 },
  ];
  for (const shape of shapes) {
    const tsconfig = writeSyntheticProject({ ...shape, dir: join(ARTIFACTS, `shape-${shape.name}`) });
    assert.ok(same(tsconfig), `${shape.name} stays lean`);
  }
});

test("no lib in the tsconfig (the target's default, DOM and host libraries): lean, the same files", () => {
  const tsconfig = project("default-lib", api(`  @client({ affects: Ctx })\n  static async when(at: Date): Promise<{ at: Date }> {\n    return { at };\n  }`));
  const base = JSON.parse(readFileSync(join(ROOT, "tsconfig.base.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const { lib: _lib, ...options } = base.compilerOptions;
  const paths = { mizan: [join(ROOT, "runtime/index.ts")], "mizan/*": [join(ROOT, "runtime/*/index.ts")] };
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...options, noEmit: true, paths }, include: ["src"] }));
  assert.not.ok(loadProject(tsconfig).program.getCompilerOptions().lib, "no lib");
  assert.ok(same(tsconfig));
});

test("Mizan's built declarations, as installed (no paths mapping to the sources): lean, the same files", () => {
  const tsconfig = writeSyntheticProject({ dir: join(ARTIFACTS, "installed"), files: 2, decoratedFiles: 2, methodsPerFile: 4 });
  const config = JSON.parse(readFileSync(tsconfig, "utf8")) as { compilerOptions: Record<string, unknown> };
  writeFileSync(tsconfig, JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, paths: {} } }));
  assert.ok(loadProject(tsconfig).program.getSourceFiles().some((file) => file.fileName.endsWith("runtime/dist/index.d.ts")));
  assert.ok(same(tsconfig));
});

// Each way a DOM global can reach the output: refused by the check before the analysis.
const refusedBeforeAnalysis: Record<string, Record<string, string>> = {
  "a body returning req.request.method": api(`  @client({ context: Ctx })\n  static async method(req: Req) {\n    return req.request.method;\n  }`),
  "a parameter of type Blob": api(`  @client({ affects: Ctx })\n  static async size(blob: Blob): Promise<number> {\n    return 0;\n  }`),
  "a parameter of type URL": api(`  @client({ affects: Ctx })\n  static async host(url: URL): Promise<string> {\n    return "";\n  }`),
  "a result of type Response": api(`  @client({ route: "/page/:id/" })\n  static async page(id: string): Promise<Response> {\n    return new Response(id);\n  }`),
  "typeof globalThis in a type": api(
    `  @client({ context: Ctx })\n  static async env(): Promise<Env> {\n    return { dom: false } as Env;\n  }`,
    `type Env = typeof globalThis extends { onmessage: any } ? { dom: true } : { dom: false };`,
  ),
  "the return type of setTimeout": api(`  @client({ context: Ctx })\n  static async timer(): Promise<{ t: ReturnType<typeof setTimeout> }> {\n    return { t: setTimeout(() => undefined) };\n  }`),
  "a file using document": api(`  @client({ context: Ctx })\n  static async title() {\n    return document.title;\n  }`),
  "document at the top level": api("", `export const title: string = document.title;`),
};

for (const [name, files] of Object.entries(refusedBeforeAnalysis)) {
  test(`full lib, refused by the check: ${name}`, () => {
    const tsconfig = project(name.replace(/\W+/g, "-"), files);
    assert.is(allowed(tsconfig), false);
    assert.is(same(tsconfig), false);
  });
}

// What the check lets through and the analysis catches.
const refusedDuringAnalysis: Record<string, Record<string, string>> = {
  // The analysis meets the DOM's Request (LeanLibMiss).
  "a wire type nesting Req": api(`  @client({ affects: Ctx })\n  static async nested(wrapped: { inner: Req }): Promise<number> {\n    return 0;\n  }`),
  // No DOM type is met, but the checker resolves Req.request (the keys differ with and without DOM).
  "a key of Req.request derived without spelling it": api(
    `  @client({ context: Ctx })\n  static async keys(): Promise<Array<keyof Req[Exclude<keyof Req, "user">]>> {\n    return [];\n  }`,
  ),
  // The inferred return type is the body's: the checker resolves Req.signal's AbortSignal.
  "a body returning req.signal's state, its return type inferred": api(
    `  @client({ context: Ctx })\n  static async state(req: Req) {\n    return { aborted: req.signal?.aborted ?? false };\n  }`,
  ),
};

for (const [name, files] of Object.entries(refusedDuringAnalysis)) {
  test(`full lib, after the lean analysis: ${name}`, () => {
    const tsconfig = project(name.replace(/\W+/g, "-"), files);
    assert.is(allowed(tsconfig), true);
    assert.is(same(tsconfig), false);
  });
}

test("req.signal read in a body with a declared return type (passed to fetch): lean, the same files", () => {
  const tsconfig = project(
    "signal-annotated-body",
    api(`  @client({ context: Ctx })\n  static async remote(req: Req): Promise<string> {\n    return (await fetch("http://x.test", { signal: req.signal ?? null })).text();\n  }`),
  );
  assert.is(same(tsconfig), true);
});

test("a DOM name inside the body of a function with a declared return type is never evaluated: lean, the same files", () => {
  const tsconfig = project("annotated-body", api(`  @client({ context: Ctx })\n  static async title(): Promise<string> {\n    return document.title;\n  }`));
  assert.is(same(tsconfig), true);
});

test("a client file is walked whole: a DOM name in a body with a declared return type refuses the lean program", () => {
  const web = { "src/web.ts": `import { Api } from "./api.js";\nexport async function title(): Promise<string> {\n  await Api.ok({} as never, 1);\n  return document.title;\n}\n` };
  const tsconfig = project("client-body", { ...api(""), ...web }, { client: ["src/web.ts"] });
  assert.is(allowed(tsconfig), false);
  assert.is(same(tsconfig), false);
});

/** A declaration package under node_modules, brought in by a project file's `/// <reference types>`. */
function typesPackage(name: string, declarations: string): Record<string, string> {
  return {
    [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: "1.0.0", types: "index.d.ts" }),
    [`node_modules/${name}/index.d.ts`]: declarations,
    "src/refs.d.ts": `/// <reference types="${name}" />\n`,
  };
}

// @types/node declares `process`, `Buffer` and the timers in `global { … }`
// inside `declare module "x" { … }`, where the body's imports are in scope.
const nestedGlobal = (type: string, prelude = "") =>
  typesPackage("nested-globals", `declare module "nested-globals" {\n  ${prelude}\n  global {\n    var nestedThing: { value: ${type} };\n  }\n}\n`);
const readsNestedThing = api(`  @client({ context: Ctx })\n  static async thing() {\n    return nestedThing.value;\n  }`);

test("a global declared inside `declare module` naming a DOM global: refused by the check", () => {
  const tsconfig = project("nested-global-dom", { ...readsNestedThing, ...nestedGlobal("AbortSignal") });
  assert.is(allowed(tsconfig), false);
  assert.is(same(tsconfig), false);
});

test("a global declared inside `declare module` sees that body's imports: a DOM name imported there is not the global, lean and the same files", () => {
  const files = {
    ...readsNestedThing,
    ...nestedGlobal("Worker", `import type { Worker } from "plain-worker";`),
    "node_modules/plain-worker/package.json": JSON.stringify({ name: "plain-worker", version: "1.0.0", types: "index.d.ts" }),
    "node_modules/plain-worker/index.d.ts": "export interface Worker {\n  id: number;\n}\n",
  };
  const tsconfig = project("nested-global-import", files);
  assert.is(allowed(tsconfig), true);
  assert.is(same(tsconfig), true);
});

// `N.M` walks M alone, not every member of N (as @types/node's NodeJS namespace, reached through the lib's ErrorConstructor).
const spaced = typesPackage("spaced", `declare namespace Spaced {\n  interface Safe {\n    n: number;\n    next: Other;\n  }\n  interface Other {\n    s: string;\n  }\n  interface Risky {\n    signal: AbortSignal;\n  }\n}\n`);
const member = (name: string) => api(`  @client({ affects: Ctx })\n  static async take(value: Spaced.${name}): Promise<number> {\n    return 0;\n  }`);

test("a namespace member whose declarations name no DOM global: lean, the same files", () => {
  const tsconfig = project("namespace-member-safe", { ...member("Safe"), ...spaced });
  assert.is(allowed(tsconfig), true);
  assert.is(same(tsconfig), true);
});

test("a namespace member naming a DOM global: refused by the check", () => {
  const tsconfig = project("namespace-member-dom", { ...member("Risky"), ...spaced });
  assert.is(allowed(tsconfig), false);
  assert.is(same(tsconfig), false);
});

// A module augmentation is part of the module it augments (vitest's `declare module "vite"` names
// what leads to @types/node's fs and AbortSignal): walked when that module is reached.
const augmented = {
  ...typesPackage("augmenter", `import "augmented";\ndeclare module "augmented" {\n  interface Options {\n    signal?: AbortSignal;\n  }\n}\nexport {};\n`),
  "node_modules/augmented/package.json": JSON.stringify({ name: "augmented", version: "1.0.0", types: "index.d.ts" }),
  "node_modules/augmented/index.d.ts": "export interface Options {\n  retries: number;\n}\n",
};

test("an augmentation of a module the project never reaches: lean, the same files", () => {
  const tsconfig = project("augmentation-unreached", { ...api(""), ...augmented });
  assert.is(allowed(tsconfig), true);
  assert.is(same(tsconfig), true);
});

test("an augmentation naming a DOM global, of a module the project reaches: refused by the check", () => {
  const files = { ...api(`  @client({ affects: Ctx })\n  static async retry(options: Options): Promise<number> {\n    return 0;\n  }`, `import type { Options } from "augmented";`), ...augmented };
  const tsconfig = project("augmentation-reached", files);
  assert.is(allowed(tsconfig), false);
  assert.is(same(tsconfig), false);
});

test("lib esnext (lib.es2025.iterator.d.ts declares its globals in `declare global`): lean, the same files", () => {
  const tsconfig = project("lib-esnext", api(""));
  const config = JSON.parse(readFileSync(tsconfig, "utf8")) as { compilerOptions: Record<string, unknown> };
  config.compilerOptions.lib = ["esnext", "dom", "dom.iterable"];
  writeFileSync(tsconfig, JSON.stringify(config));
  assert.is(allowed(tsconfig), true);
  assert.is(same(tsconfig), true);
});

test("the lib closure is kept beside V8's code cache, and a record of another shape is computed again", () => {
  const tsconfig = project("lib-cache", api(""));
  const folder = join(cacheDir, "lib-globals");
  rmSync(folder, { recursive: true, force: true });
  const expected = run(tsconfig, true);
  const [record] = readdirSync(folder);
  assert.ok(record);
  // An empty D would let every project through: never taken from the cache.
  writeFileSync(join(folder, record), JSON.stringify({ dom: [], reached: [] }));
  assert.equal(run(tsconfig, true), expected);
  assert.ok((JSON.parse(readFileSync(join(folder, record), "utf8")) as { dom: string[] }).dom.includes("Request"));
});

test("MIZAN_FULL_LIB=1 always uses the full lib", () => {
  const tsconfig = project("escape-hatch", api(""));
  process.env.MIZAN_FULL_LIB = "1";
  try {
    assert.is(coldRun(tsconfig, undefined).lean, false);
  } finally {
    delete process.env.MIZAN_FULL_LIB;
  }
  assert.is(coldRun(tsconfig, undefined).lean, true);
});

test.run();
