// mizan-gen and the transformer over the same projects write the same
// bytes: each fixture project is copied into a fresh folder, built with tspc
// (which writes generated/) and with mizan-gen (--out cli/); both equal each
// other and the fixture's reviewed expected/ files. A second tspc build over
// unchanged sources writes nothing.
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixtureDir, fixtureNames, runCli } from "../support/compiler.js";
import { artifactProject, runTsc } from "./helpers.js";

const FILES = ["client.ts", "manifest.json", "routes.ts"];

function copyOfFixture(name: string): string {
  const fixture = fixtureDir("projects", name);
  const config = JSON.parse(readFileSync(join(fixture, "tsconfig.json"), "utf8"));
  // The fixture's own settings (exactOptionalPropertyTypes changes what the prisma fixture's types are);
  // only the folder changes (same depth as expected/, so import paths match).
  const plugin = { ...config.compilerOptions.plugins[0], out: "generated" };
  const compilerOptions = { ...config.compilerOptions, plugins: [plugin] };
  // Packages the fixture holds itself (a generated Prisma client) come along; mizan is linked.
  const own = join(fixture, "node_modules");
  const packages = existsSync(own) ? readdirSync(own).map((entry) => [`node_modules/${entry}`, join(own, entry)]) : [];
  const copy = { src: join(fixture, "src"), ...Object.fromEntries(packages) };
  return artifactProject(`identical-${name}`, { copy, compilerOptions });
}

for (const name of fixtureNames("projects")) {
  test(`project ${name}: tspc and mizan-gen write the same bytes, equal to expected/`, () => {
    const dir = copyOfFixture(name);
    const tspc = runTsc(join(dir, "tsconfig.json"));
    assert.is(tspc.status, 0, tspc.stdout);
    const cli = runCli(["-p", join(dir, "tsconfig.json"), "--out", join(dir, "cli")]);
    assert.is(cli.status, 0, cli.stderr);
    for (const file of FILES) {
      const fromTspc = readFileSync(join(dir, "generated", file));
      assert.ok(fromTspc.equals(readFileSync(join(dir, "cli", file))), `${name}/${file}: tspc and mizan-gen differ`);
      assert.ok(fromTspc.equals(readFileSync(join(fixtureDir("projects", name), "expected", file))), `${name}/${file}: differs from expected/`);
    }
  });
}

test("a second tspc build over unchanged sources writes no file", () => {
  const dir = copyOfFixture("shop");
  assert.is(runTsc(join(dir, "tsconfig.json")).status, 0);
  const past = new Date(2000, 0, 1);
  for (const file of FILES) utimesSync(join(dir, "generated", file), past, past);
  assert.is(runTsc(join(dir, "tsconfig.json")).status, 0);
  for (const file of FILES) assert.is(statSync(join(dir, "generated", file)).mtimeMs, past.getTime(), file);
});

test.run();
