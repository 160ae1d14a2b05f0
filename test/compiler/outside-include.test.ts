// Decorated classes in files outside the tsconfig's `include`, imported by
// included files (directly, or through files that declare nothing): tsc
// compiles them, so mizan-gen reads them too and finds what the transformer
// finds in tsc's own program.
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import ts from "typescript";
import { analyzeDeclarationsAndClientCode } from "../../compiler/generate.js";
import type { TypeScript } from "../../compiler/input/core-input.js";
import { findPluginConfig, resolveOptions } from "../../compiler/input/options.js";
import { generateProject, ROOT, tempProject } from "../support/compiler.js";

const api = (name: string) => `import { client, defineContext } from "mizan";
export const ${name}Context = defineContext("${name.toLowerCase()}");
export class ${name}Api {
  @client({ context: ${name}Context })
  static async ${name.toLowerCase()}(id: number): Promise<string> { return ""; }
}
`;

test("classes outside include, reached through files that declare nothing, are found as tsc's program has them", () => {
  const dir = tempProject({
    "src/index.ts": `import { NotesApi } from "../shared/notes.js";\nimport { tags } from "../lib/barrel.js";\nexport const all = [NotesApi, tags];\n`,
    "shared/notes.ts": api("Notes"),
    "lib/barrel.ts": `export { TagsApi as tags } from "./tags.js";\n`,
    "lib/tags.ts": api("Tags"),
    "unused/other.ts": api("Other"),
  });
  const generation = generateProject(join(dir, "tsconfig.json"));
  assert.equal(generation.diagnostics, []);
  assert.equal(generation.ir.functions.map((f) => f.name).sort(), ["notes", "tags"], "not a file nothing imports");

  // What the transformer sees: tsc's program of the same tsconfig.
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const options = resolveOptions(dir, findPluginConfig(parsed.options));
  const inTsc = analyzeDeclarationsAndClientCode({ ts: ts as unknown as TypeScript, program, projectDir: dir, options });
  assert.equal(generation.ir.functions.map((f) => f.name).sort(), inTsc.ir.functions.map((f) => f.name).sort());
});

for (const [layout, config] of [
  ["files", { files: ["src/server.ts"] }],
  ["a narrow include", { include: ["src/server.ts"] }],
] as const) {
  test(`with ${layout}, a sibling of a listed file is followed as tsc follows it`, () => {
    const dir = tempProject({
      "tsconfig.json": JSON.stringify({
        extends: join(ROOT, "fixtures/tsconfig.base.json"),
        compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated" }] },
        ...config,
      }),
      "src/server.ts": `import { NotesApi } from "./notes.js";\nimport { TagsApi } from "./tags.js";\nexport const api = [NotesApi, TagsApi];\n`,
      "src/notes.ts": api("Notes"),
      "src/tags.ts": api("Tags"),
    });
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    assert.equal(generation.ir.functions.map((f) => f.name).sort(), ["notes", "tags"]);
  });
}

test("a file reached through a package.json `imports` entry (#app/*) from a listed file is followed, as tsc follows it", () => {
  const dir = tempProject({
    "tsconfig.json": JSON.stringify({
      extends: join(ROOT, "fixtures/tsconfig.base.json"),
      compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated" }] },
      files: ["src/server.ts"],
    }),
    "package.json": JSON.stringify({ private: true, type: "module", imports: { "#app/*": "./src/*" } }),
    "src/server.ts": `import { NotesApi } from "#app/notes.js";\nexport const api = NotesApi;\n`,
    "src/notes.ts": api("Notes"),
  });
  const generation = generateProject(join(dir, "tsconfig.json"));
  assert.equal(generation.diagnostics, []);
  assert.equal(generation.ir.functions.map((f) => f.name), ["notes"]);
});

test("a workspace package linked into node_modules: its decorated sources are the project's, not a library's", () => {
  // As npm, pnpm and yarn workspaces lay it out: packages/api is linked as node_modules/@acme/api.
  const root = tempProject({
    "src/index.ts": `import { NotesApi } from "@acme/api/notes";\nexport const api = NotesApi;\n`,
    "packages/api/package.json": JSON.stringify({ name: "@acme/api", exports: { "./*": "./src/*.ts" } }),
    "packages/api/src/notes.ts": api("Notes"),
  });
  mkdirSync(join(root, "node_modules/@acme"), { recursive: true });
  symlinkSync(join(root, "packages/api"), join(root, "node_modules/@acme/api"), "dir");
  const generation = generateProject(join(root, "tsconfig.json"));
  assert.equal(generation.diagnostics, []);
  assert.equal(generation.ir.functions.map((f) => f.name), ["notes"]);
});

test.run();
