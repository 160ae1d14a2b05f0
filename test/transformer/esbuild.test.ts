// The esbuild plugin on real bundles: the private-calls fixture's client
// files fail the build with the same codes at the same places as tspc
// reports (its expected.txt); a clean client bundles to the same output as
// without the plugin; a missing manifest is a build error that says so.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildFailure, type BuildOptions } from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { analyzeDeclarations } from "../../compiler/core.js";
import { coreInput, loadProject } from "../../compiler/host/project.js";
import { mizanEsbuild } from "../../transformer/esbuild.js";
import { manifestTemplate } from "../../templates/manifest.js";
import { ARTIFACTS, TRANSFORMER_FIXTURES, artifactProject, mizanErrors } from "./helpers.js";

const FIXTURE = join(TRANSFORMER_FIXTURES, "private-calls");
const UI = ["billing-page.ts", "admin.ts", "lookalikes.ts"].map((name) => `src/ui/${name}`);

/** The fixture's manifest.json as mizan-gen would write it (its client errors aside). */
function fixtureManifest(): string {
  const analysis = analyzeDeclarations(coreInput(loadProject(join(FIXTURE, "tsconfig.json")), {}));
  assert.equal(analysis.diagnostics, [], "the fixture's server code is clean");
  const path = join(ARTIFACTS, "esbuild-manifest/manifest.json");
  mkdirSync(join(ARTIFACTS, "esbuild-manifest"), { recursive: true });
  writeFileSync(path, manifestTemplate(analysis.ir));
  return path;
}

const bundle = (options: BuildOptions) =>
  build({ bundle: true, write: false, format: "esm", logLevel: "silent", external: ["mizan", "mizan/*"], ...options });

test("fixture private-calls: the same diagnostics as tspc, at the same places", async () => {
  const manifest = fixtureManifest();
  const failure = await bundle({
    absWorkingDir: FIXTURE,
    entryPoints: UI,
    outdir: "out",
    plugins: [mizanEsbuild({ manifest, client: ["src/ui/**"] })],
  }).then(
    () => assert.unreachable("the build should fail"),
    (error: BuildFailure) => error,
  );
  // esbuild's columns are 0-based.
  const found = failure!.errors.map((e) => `${e.location!.file}:${e.location!.line}:${e.location!.column + 1} ${e.text.slice(0, 6)}`);
  assert.equal(found.sort(), mizanErrors(readFileSync(join(FIXTURE, "expected.txt"), "utf8")).sort());
  const first = failure!.errors.find((e) => e.text.startsWith("MZ5002"))!;
  assert.is(first.text, 'MZ5002: client code calls "upgrad", which is not a @client function; did you mean "upgrade"?');
  assert.is(first.location!.lineText, '  await mizan.call("upgrad", { userId });');
  assert.is(first.location!.length, '"upgrad"'.length);
  assert.match(first.notes[0]!.text, /^hint: Call a function declared with @client/);
});

test("a clean client bundles to the same output as without the plugin", async () => {
  const dir = artifactProject("esbuild-clean", {
    files: {
      "src/ui/app.ts": `import { endpoint, call } from "mizan/client";\nconst api = endpoint("/api/mizan");\nexport const up = () => api.call("upgrade", { userId: 1 });\nexport const again = () => call("upgrade", { userId: 2 });\n`,
    },
  });
  const manifest = fixtureManifest();
  const options: BuildOptions = { absWorkingDir: dir, entryPoints: ["src/ui/app.ts"], outfile: "out.js" };
  const withPlugin = await bundle({ ...options, plugins: [mizanEsbuild({ manifest })] });
  const without = await bundle(options);
  assert.is(withPlugin.errors.length, 0);
  assert.is(withPlugin.outputFiles![0]!.text, without.outputFiles![0]!.text);
});

test("a missing manifest fails the build and names the file", async () => {
  const failure = await bundle({
    absWorkingDir: FIXTURE,
    entryPoints: ["src/ui/lookalikes.ts"],
    outfile: "out.js",
    plugins: [mizanEsbuild({ manifest: "generated/manifest.json" })],
  }).then(
    () => assert.unreachable("the build should fail"),
    (error: BuildFailure) => error,
  );
  assert.match(failure!.errors[0]!.text, `cannot read the Mizan manifest ${FIXTURE}/generated/manifest.json`);
});

test.run();
