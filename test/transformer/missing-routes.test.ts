// MZ6005: on a fresh checkout where only the generated routes.ts would
// import the @client classes, nothing reaches them: mizan-gen and one-pass
// tspc say so at the import of the missing file, instead of "nothing
// written" or tsc's bare TS2307.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "../support/compiler.js";
import { artifactProject, runTsc } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
}
`;
const SERVER = `import { createHandler } from "mizan/server";\nimport { routes } from "../generated/routes.js";\nexport const handler = createHandler({ routes });\n`;

function project(name: string): string {
  // The classes outside `include`, imported by nothing but the route table.
  return artifactProject(name, {
    files: { "lib/notes.ts": API, "src/server.ts": SERVER },
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", transformProgram: true, out: "generated" }] },
  });
}

test("mizan-gen: MZ6005 at the import of the missing routes.ts; once the server imports the classes, they are found", () => {
  const dir = project("missing-routes-cli");
  const run = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(run.status, 1, run.stdout);
  assert.match(run.stderr, /^src\/server\.ts:2:24 - error MZ6005: this imports generated\/routes\.ts, which is not there/m);

  writeFileSync(join(dir, "src/server.ts"), `import "../lib/notes.js";\n${SERVER}`);
  const fixed = runCli(["-p", join(dir, "tsconfig.json")], dir);
  assert.is(fixed.status, 0, fixed.stdout + fixed.stderr);
  assert.match(fixed.stdout, /1 function/);
});

test("one-pass tspc: MZ6005 at the same place", () => {
  const dir = project("missing-routes-tspc");
  const build = runTsc(join(dir, "tsconfig.json"));
  assert.is(build.status, 2, build.stdout);
  assert.match(build.stdout, /src\/server\.ts\(2,24\): error TS\d+: MZ6005: this imports generated\/routes\.ts/);
});

test("MZ6005 follows the project's files: through a followed file, a paths alias, with a context reachable; not for an import in a comment", () => {
  const cases: { name: string; files: Record<string, string>; compilerOptions?: object; expect: RegExp | null }[] = [
    {
      name: "followed",
      files: { "src/server.ts": `import "./app.js";\n`, "src/app.ts": `import { routes } from "../generated/routes.js";\nexport { routes };\n` },
      expect: /^src\/app\.ts:1:24 - error MZ6005/m,
    },
    {
      name: "alias",
      files: { "src/server.ts": `import { routes } from "#gen/routes.js";\nexport { routes };\n` },
      compilerOptions: { paths: { "#gen/*": ["./generated/*"] } },
      expect: /^src\/server\.ts:1:24 - error MZ6005/m,
    },
    {
      name: "context",
      files: {
        "src/server.ts": `${SERVER}import { Notes } from "../lib/contexts.js";\nexport const context = Notes;\n`,
        "lib/contexts.ts": `import { defineContext } from "mizan";\nexport const Notes = defineContext("notes");\n`,
      },
      expect: /^src\/server\.ts:2:24 - error MZ6005/m,
    },
    { name: "comment", files: { "src/server.ts": `// import { routes } from "../generated/routes.js";\nexport const x = 1;\n` }, expect: null },
  ];
  for (const c of cases) {
    const dir = artifactProject(`missing-routes-${c.name}`, {
      files: { "lib/notes.ts": API, ...c.files },
      compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated" }], ...c.compilerOptions },
    });
    const run = runCli(["-p", join(dir, "tsconfig.json")], dir);
    if (c.expect === null) {
      assert.is(run.status, 0, `${c.name}: ${run.stdout}${run.stderr}`);
      assert.not.match(run.stderr, /MZ6005/);
    } else {
      assert.is(run.status, 1, `${c.name}: ${run.stdout}`);
      assert.match(run.stderr, c.expect, c.name);
    }
  }
});

test.run();
