// The generated files compile: each fixture project, its sources and its
// generated routes.ts and client.ts, type-checks with tsc under the
// strictest settings teams use (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, noUnusedLocals): the route table's handler
// calls are checked against the user's signatures. They compile under
// isolatedDeclarations too.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixtureDir, fixtureNames, ROOT } from "../support/compiler.js";

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const STRICTEST = ["--strict", "--exactOptionalPropertyTypes", "--noUncheckedIndexedAccess", "--noUnusedLocals"];

for (const name of fixtureNames("projects")) {
  test(`project ${name}: sources and generated files type-check`, () => {
    const tsconfig = join(fixtureDir("projects", name), "tsconfig.json");
    const result = spawnSync(process.execPath, [TSC, "--noEmit", "-p", tsconfig, ...STRICTEST], {
      encoding: "utf8",
    });
    assert.equal(result.stdout + result.stderr, "", "tsc output");
    assert.is(result.status, 0);
  });
}

// strict alone: without exactOptionalPropertyTypes an optional property holds undefined, which the
// route table's literals must allow for (an array of object literals is typed with `b?: undefined`).
for (const name of fixtureNames("projects")) {
  test(`project ${name}: sources and generated files type-check under strict alone`, () => {
    const tsconfig = join(fixtureDir("projects", name), "tsconfig.json");
    const result = spawnSync(process.execPath, [TSC, "--noEmit", "-p", tsconfig, "--strict"], { encoding: "utf8" });
    assert.equal(result.stdout + result.stderr, "", "tsc output");
    assert.is(result.status, 0);
  });
}

// A library's settings: declarations that each file's text gives (isolatedDeclarations) allow no inferred export type.
// The generated files must pass; a fixture's own sources are not theirs to fix, so only their errors count.
for (const name of fixtureNames("projects")) {
  test(`project ${name}: generated files compile under isolatedDeclarations`, () => {
    const tsconfig = join(fixtureDir("projects", name), "tsconfig.json");
    const result = spawnSync(process.execPath, [TSC, "--noEmit", "-p", tsconfig, ...STRICTEST, "--declaration", "--isolatedDeclarations"], {
      encoding: "utf8",
    });
    const generated = (result.stdout + result.stderr).split("\n").filter((l) => /(^|\/)expected\/\w+\.ts\(/.test(l));
    assert.equal(generated, [], "tsc errors in the generated files");
  });
}

// NestJS's and many libraries' settings: an exported handler's declaration names the table's type.
for (const name of fixtureNames("projects")) {
  test(`project ${name}: createHandler({ routes }) exported under declaration: true`, () => {
    const dir = join(ROOT, "test/artifacts/declaration", name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const fixture = fixtureDir("projects", name);
    writeFileSync(
      join(dir, "server.ts"),
      `import { createHandler } from "mizan/server";\nimport { routes } from "${relative(dir, join(fixture, "expected/routes.js"))}";\nexport const handler = createHandler({ routes });\n`,
    );
    // noEmitOnError: a settings error must not leave declaration files beside the sources.
    const options = { noEmit: false, declaration: true, emitDeclarationOnly: true, noEmitOnError: true, outDir: "out", rootDir: ROOT, plugins: [] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: join(fixture, "tsconfig.json"), compilerOptions: options, files: ["server.ts"], include: [] }));
    const result = spawnSync(process.execPath, [TSC, "-p", join(dir, "tsconfig.json"), ...STRICTEST], { encoding: "utf8" });
    assert.equal(result.stdout + result.stderr, "", "tsc output");
    assert.is(result.status, 0);
    const declared = readFileSync(join(dir, "out", relative(ROOT, dir), "server.d.ts"), "utf8");
    assert.match(declared, /Handler<import\(".*expected\/routes\.js"\)\.Routes/);
  });
}

test.run();
