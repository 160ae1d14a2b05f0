// The generated files compile: each fixture project, its sources and its
// generated routes.ts and client.ts, type-checks with tsc under the
// strictest settings teams use (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, noUnusedLocals): the route table's handler
// calls are checked against the user's signatures.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
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

test.run();
