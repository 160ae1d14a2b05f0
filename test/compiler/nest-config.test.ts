// A NestJS project's tsconfig, as `nest new` writes it: CommonJS with node10
// resolution, legacy decorators with their metadata, ES2021's default lib
// (no `at` on arrays there: @types/node adds it), and strictNullChecks off.
// Under it, the prisma fixture's API: mizan-gen reads the declarations with
// null checks on, so it writes the files a strict project gets (the route
// table marked `@ts-nocheck`: zod's types need strictNullChecks), and they
// compile and run in the project's CommonJS build; tspc, which analyses
// tsc's own program, stops with MZ6003 instead of dropping null.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../support/compiler.js";
import { artifactProject, mizanErrors, runTsc, TSC } from "../transformer/helpers.js";

const PRISMA = join(ROOT, "fixtures/projects/prisma");

const NEST_OPTIONS = {
  module: "commonjs",
  moduleResolution: "node10",
  ignoreDeprecations: "6.0",
  declaration: true,
  removeComments: true,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  allowSyntheticDefaultImports: true,
  target: "ES2021",
  outDir: "./dist",
  skipLibCheck: true,
  strictNullChecks: false,
  noImplicitAny: false,
  strictBindCallApply: false,
  types: ["node"],
};

/** The project, with its Nest tsconfig and a variant that only turns strictNullChecks on (its files go to generated-strict). */
function nestProject(): { dir: string; nest: string; strict: string } {
  const dir = artifactProject("nest-config", {
    copy: { src: join(PRISMA, "src"), "node_modules/@prisma": join(PRISMA, "node_modules/@prisma") },
    // A CommonJS package (the repository around it is "type": "module").
    files: { "package.json": JSON.stringify({ name: "nest-config", private: true }) },
  });
  const config = (strictNullChecks: boolean, out: string, include: string[]) => ({
    compilerOptions: { ...NEST_OPTIONS, strictNullChecks, plugins: [{ transform: "mizan-gen/transformer", out }] },
    include,
  });
  const nest = join(dir, "tsconfig.json");
  const strict = join(dir, "tsconfig.strict.json");
  writeFileSync(nest, JSON.stringify(config(false, "generated", ["src", "generated"]), null, 2));
  writeFileSync(strict, JSON.stringify(config(true, "generated-strict", ["src"]), null, 2));
  return { dir, nest, strict };
}

const { dir, nest, strict } = nestProject();

test("mizan-gen writes for strictNullChecks off what it writes with it on, and tsc builds it", () => {
  for (const tsconfig of [strict, nest]) {
    const run = runCli(["-p", tsconfig], dir);
    assert.is(run.status, 0, run.stdout + run.stderr);
  }
  const read = (out: string, file: string) => readFileSync(join(dir, out, file), "utf8");
  assert.fixture(read("generated", "client.ts"), read("generated-strict", "client.ts"));
  // The route table is the strict one, left unchecked by tsc: zod's types need strictNullChecks.
  const [header, ...rest] = read("generated-strict", "routes.ts").split("\n");
  const unchecked = read("generated", "routes.ts").split("\n");
  assert.equal(unchecked.slice(0, 2), [header, "// @ts-nocheck"]);
  assert.fixture(unchecked.slice(4).join("\n"), rest.join("\n"));
  // What null checks off would have erased: a nullable column, and a relation filter that may be null.
  const client = readFileSync(join(dir, "generated/client.ts"), "utf8");
  assert.match(client, /\n  name: string \| null;\n/);
  assert.match(client, /\n  author\?:\n    \| UserRelationFilterInput & \{\n[^|]+\| UserWhereInputInput & \{ is\?: never; isNot\?: never \}\n    \| null\n    \| undefined;\n/);
  const build = runTsc(nest, TSC);
  assert.is(build.status, 0, build.stdout + build.stderr);
});

// Reads the build the test above made.
test("the CommonJS build's route table loads with require and validates nulls the types allow", () => {
  const script = `
    const { routes } = require("./dist/generated/routes.js");
    const args = (name, value) => routes.functions[name].args.safeParse(value).success;
    console.log(JSON.stringify([
      args("findPosts", { where: { author: null } }),
      args("findPosts", { where: { author: { is: { name: null } } } }),
      args("findPosts", { where: { author: { is: {}, email: "a@b.c" } } }),
      args("saveSettings", { userId: 1, settings: [1, [null], { a: "b" }] }),
    ]));`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  assert.is(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), [true, true, false, true]);
});

test("tspc on the Nest tsconfig stops with MZ6003 at the first function", () => {
  const build = runTsc(nest);
  assert.is.not(build.status, 0);
  assert.equal(mizanErrors(build.stdout), ["src/users.ts:9:3 MZ6003"]);
  assert.match(build.stdout, /strictNullChecks is off/);
});

test.run();
