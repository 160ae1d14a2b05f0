// Golden output: each fixture project's generated files equal its reviewed
// `expected/` files byte for byte, and each error project reports exactly
// its reviewed diagnostics, all of them in one run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { manifestSchema } from "../../runtime/protocol/schemas.js";
import { diagnosticsText, fixtureDir, fixtureNames, generateProject } from "../support/compiler.js";

for (const name of fixtureNames("projects")) {
  test(`project ${name}: generated files equal expected/`, async () => {
    const dir = fixtureDir("projects", name);
    const generation = await generateProject(join(dir, "tsconfig.json"));
    assert.equal(diagnosticsText(generation), "\n", "no diagnostics");
    assert.equal(generation.files.map((f) => f.name), ["client.ts", "manifest.json", "routes.ts"]);
    // The manifest the generator writes is the one the protocol's schema describes.
    manifestSchema.parse(JSON.parse(generation.files.find((f) => f.name === "manifest.json")!.text));
    for (const file of generation.files) {
      assert.fixture(file.text, readFileSync(join(dir, "expected", file.name), "utf8"), `${name}/${file.name}`);
    }
  });
}

for (const name of fixtureNames("errors")) {
  test(`errors ${name}: every diagnostic in one run, no files`, async () => {
    const dir = fixtureDir("errors", name);
    const generation = await generateProject(join(dir, "tsconfig.json"));
    assert.fixture(diagnosticsText(generation), readFileSync(join(dir, "expected.txt"), "utf8"));
    assert.equal(generation.files, []);
  });
}

test("the error fixtures cover every code of the compiler's catalog", async () => {
  const { CATALOG } = await import("../../compiler/diagnostics/catalog.js");
  const seen = new Set(
    fixtureNames("errors").flatMap((name) =>
      [...readFileSync(join(fixtureDir("errors", name), "expected.txt"), "utf8").matchAll(/error (MZ\d+)/g)].map((m) => m[1]),
    ),
  );
  // MZ5xxx are the client-code checks of the transformer, tested with it;
  // MZ6xxx need a project set up around them (node_modules, moduleResolution),
  // which test/compiler/resolution.test.ts builds.
  const compilerCodes = Object.keys(CATALOG).filter((code) => !code.startsWith("MZ5") && !code.startsWith("MZ6"));
  assert.equal(compilerCodes.filter((code) => !seen.has(code)), []);
});

test.run();
