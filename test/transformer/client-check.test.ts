// The private-call check's parts: the `client` globs, the function tables
// from the IR and from manifest.json, resolution through the built package
// (a project that gets mizan from node_modules, not from source paths), and
// the bundler plugin's import-based resolution.
import { join } from "node:path";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkClientFile } from "../../compiler/client-check/check.js";
import { globMatcher } from "../../compiler/paths/glob.js";
import { ImportResolver } from "../../compiler/client-check/import-resolver.js";
import { tableFromIR, tableFromManifest, type CallTable } from "../../compiler/client-check/table.js";
import type { TypeScript } from "../../compiler/input/core-input.js";
import { manifestOf } from "../../templates/manifest.js";
import { diagnosticsText, fixtureDir, fixtureNames, generateProject } from "../support/compiler.js";
import { artifactProject } from "./helpers.js";

test("globs: ** spans folders, * and ? stay in one, braces choose, a bare folder takes what is below", () => {
  const cases: [string[], string, boolean][] = [
    [["src/ui/**"], "src/ui/app.ts", true],
    [["src/ui/**"], "src/ui/deep/page.tsx", true],
    [["src/ui/**"], "src/uix/app.ts", false],
    [["src/**/*.client.ts"], "src/cart.client.ts", true],
    [["src/**/*.client.ts"], "src/a/b/cart.client.ts", true],
    [["src/*.ts"], "src/a/b.ts", false],
    [["src/?.ts"], "src/a.ts", true],
    [["src/{ui,pages}/**"], "src/pages/home.ts", true],
    [["src/{ui,pages}/**"], "src/server/api.ts", false],
    [["./src/ui"], "src/ui/app.ts", true],
    [["src/ui/"], "src/ui.ts", false],
    [["web/**", "src/ui/**"], "web/main.ts", true],
    [[], "src/ui/app.ts", false],
  ];
  for (const [globs, path, expected] of cases) assert.is(globMatcher(globs)(path), expected, `${globs} ~ ${path}`);
});

test("tables: the manifest's lists equal the IR's, except view paths that invalidate nothing", () => {
  for (const name of fixtureNames("projects")) {
    const { ir } = generateProject(join(fixtureDir("projects", name), "tsconfig.json"));
    const fromIR = tableFromIR(ir);
    const fromManifest = tableFromManifest(manifestOf(ir));
    const unlisted = ir.functions.filter((f) => f.route !== null && f.affects.length === 0).map((f) => f.name);
    assert.equal([...fromManifest.known].sort(), [...fromIR.known].filter((n) => !unlisted.includes(n)).sort(), name);
    assert.equal([...fromManifest.private].sort(), [...fromIR.private].filter((n) => !unlisted.includes(n)).sort(), name);
  }
});

test("a project that gets mizan from node_modules (built declarations) is checked the same way", () => {
  const dir = artifactProject("built-package", {
    files: {
      "src/api.ts": `import { client, defineContext } from "mizan";
export const Jobs = defineContext("jobs");
export class JobsApi {
  @client({ affects: Jobs, private: true })
  static async sweep(): Promise<void> {}
}
`,
      "src/ui/app.ts": `import { endpoint } from "mizan/client";
import { JobsApi } from "../api.js";
export const a = () => endpoint("/api/mizan").call("sweep", {});
export const b = () => JobsApi.sweep();
`,
    },
    // No source paths: "mizan" resolves through node_modules to the package's .d.ts files.
    compilerOptions: { paths: {}, plugins: [{ transform: "mizan-gen/transformer", out: "generated", client: ["src/ui/**"] }] },
  });
  const generation = generateProject(join(dir, "tsconfig.json"));
  assert.is(
    diagnosticsText(generation).replace(/\n  hint: .*/g, ""),
    'src/ui/app.ts:3:52 - error MZ5001: client code calls "sweep", a private function\n' +
      "src/ui/app.ts:4:32 - error MZ5001: client code uses JobsApi.sweep, a private function\n",
  );
});

const TABLE: CallTable = { known: new Set(["save", "load", "secret"]), private: new Set(["secret"]) };

function checkText(text: string): string[] {
  const file = ts.createSourceFile("/p/src/ui/app.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const api = ts as unknown as TypeScript;
  return checkClientFile(api, file, TABLE, new ImportResolver(api, file), "/p").map((d) => `${d.location.line}:${d.location.column} ${d.code}`);
}

test("import resolution: the runtime's call by any local name, endpoints in variables, server classes", () => {
  assert.equal(
    checkText(`import { call as send, endpoint } from "mizan/client";
import * as mz from "mizan/client";
import Billing, { type Types } from "../server/billing.js";
const api = endpoint("/api");
send("secret"); api.call("secret"); mz.call("nope"); mz.endpoint("/x").call("secret");
Billing.secret(); Billing.nested["secret"];
send("save"); api.call("load");
`),
    ["5:6 MZ5001", "5:26 MZ5001", "5:45 MZ5002", "5:77 MZ5001", "6:9 MZ5001", "6:34 MZ5001"],
  );
});

test("import resolution: lookalikes and type-only imports are left alone", () => {
  assert.equal(
    checkText(`import type { Billing } from "../server/billing.js";
import { type call } from "mizan/client";
const local = { call: (n: string) => n, secret: 1 };
function send(n: string) { return n; }
local.call("secret"); send("secret"); local.secret;
declare const b: Billing; b.secret;
`),
    [],
  );
});

test.run();
