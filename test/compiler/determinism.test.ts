// Output depends on the declarations only: the same project loaded with its
// files in shuffled orders, and generated again and again, gives the same
// bytes. (The checker's internal type order must never leak into a file.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate } from "../../compiler/generate.js";
import { coreInput, loadProject, programFiles } from "../../compiler/host/project.js";
import { fixtureDir } from "../support/compiler.js";

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The project's program made again with every file of it as a root, in a shuffled order. */
async function generateShuffled(dir: string, seed: number) {
  const loaded = loadProject(join(dir, "tsconfig.json"));
  const paths = programFiles(loaded.program);
  const program = ts.createProgram(shuffle(paths, seed), loaded.program.getCompilerOptions());
  return generate(coreInput({ ...loaded, program }, {}));
}

for (const name of ["shop", "type-zoo"]) {
  test(`${name}: shuffled file orders give byte-identical files`, async () => {
    const dir = fixtureDir("projects", name);
    const expected = ["client.ts", "manifest.json", "routes.ts"].map((f) => readFileSync(join(dir, "expected", f), "utf8"));
    for (const seed of [1, 2, 3]) {
      const generation = await generateShuffled(dir, seed);
      assert.equal(generation.diagnostics, []);
      assert.equal(generation.files.map((f) => f.text), expected, `seed ${seed}`);
    }
  });
}

test("repeated runs on one program give byte-identical files", async () => {
  const dir = fixtureDir("projects", "type-zoo");
  const input = coreInput(loadProject(join(dir, "tsconfig.json")), {});
  const first = (await generate(input)).files.map((f) => f.text);
  for (let i = 0; i < 3; i++) assert.equal((await generate(input)).files.map((f) => f.text), first);
});

test.run();
