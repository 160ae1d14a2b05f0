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
    const listed = (table: CallTable) => [...table.uncallable].filter(([n]) => !unlisted.includes(n)).sort(([a], [b]) => (a < b ? -1 : 1));
    assert.equal(listed(fromManifest), listed(fromIR), name);
  }
});

/** A private function and a context's read, for the checks that run with a program. */
const JOBS_API = `import { client, defineContext } from "mizan";
export const Jobs = defineContext("jobs");
export class JobsApi {
  @client({ affects: Jobs, private: true })
  static async sweep(): Promise<void> {}
  @client({ context: Jobs })
  static async jobList(): Promise<string[]> { return []; }
}
`;

test("a project that gets mizan from node_modules (built declarations) is checked the same way", () => {
  const dir = artifactProject("built-package", {
    files: {
      "src/api.ts": JOBS_API,
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

test("with the checker too: aliases, destructuring, type assertions and context reads", () => {
  const dir = artifactProject("client-aliases", {
    files: {
      "src/api.ts": JOBS_API,
      "src/ui/app.ts": `import { call, endpoint } from "mizan/client";
import * as M from "mizan/client";
const send = call; const { call: named } = M; const { call: bound } = endpoint("/api/mizan");
export const a = () => [send("sweep"), named("sweep"), bound("sweep", {}), call(("sweep" as string))];
export const b = (call: (n: string) => void) => call("sweep");
export const c = () => call("jobList");
export const d = () => [(0, call)("sweep"), endpoint("/api/mizan")["call"]("sweep", {})];
const held = endpoint("/api/mizan")["call"];
export const e = () => [held("sweep", {}), (call as any)("sweep"), (call!)("sweep")];
let later; later = call; const { ["call"]: computed } = M;
export const f = () => [call.call(undefined, "sweep"), call.apply(null, ["sweep"]), call.bind(null, "sweep"), later("sweep"), computed("sweep")];
export const g = () => [call.call(undefined, "jobs"), call.apply(null, [] as unknown as ["sweep"]), later("jobs" as "sweep")];
const api = endpoint("/api/mizan"); const detached = api.call.bind(api);
export const h = () => [detached("sweep", {}), call.bind(null)("sweep")];
const other = (n: string) => n; let kept: any = call; kept = other; let once = api.call.bind(api);
export const i = () => [call.bind(null).bind(null)("sweep"), api.call.bind(api).bind(null, "sweep"), kept("sweep"), once("sweep", {})];
let swapped: any = call; [swapped] = [other]; let looped: any = call; for (looped of [other]);
export const j = () => [swapped("sweep"), looped("sweep")];
`,
    },
    compilerOptions: { paths: {}, plugins: [{ transform: "mizan-gen/transformer", out: "generated", client: ["src/ui/**"] }] },
  });
  const generation = generateProject(join(dir, "tsconfig.json"));
  assert.is(
    diagnosticsText(generation).replace(/\n  hint: .*/g, ""),
    'src/ui/app.ts:4:30 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:4:46 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:4:62 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:4:82 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:6:29 - error MZ5002: client code calls "jobList", a read of the context "jobs": the server answers only its context\'s GET; read it with fetchContext or useContextQuery\n' +
      'src/ui/app.ts:7:35 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:7:76 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:9:30 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:9:58 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:9:76 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:11:46 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:11:74 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:11:101 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:11:117 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:11:136 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:12:46 - error MZ5002: client code calls "jobs", which is not a @client function\n' +
      'src/ui/app.ts:12:107 - error MZ5002: client code calls "jobs", which is not a @client function\n' +
      'src/ui/app.ts:14:34 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:14:64 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:16:52 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:16:92 - error MZ5001: client code calls "sweep", a private function\n' +
      'src/ui/app.ts:16:122 - error MZ5001: client code calls "sweep", a private function\n',
  );
});

const TABLE: CallTable = {
  known: new Set(["save", "load", "secret", "page"]),
  private: new Set(["secret"]),
  uncallable: new Map([
    ["load", { context: "things" }],
    ["page", { route: "/p/:id/" }],
  ]),
};

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
send("save"); api.call("save");
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

test("import resolution: a name declared again in an inner scope is not the import", () => {
  assert.equal(
    checkText(`import { call } from "mizan/client";
import { Billing } from "../server/billing.js";
export function g() { const call = (n: string) => [n]; return call("secret"); }
export const run = (call: (n: string) => string) => call("secret");
export function h() { for (const Billing of [{ secret: 1 }]) Billing.secret; try {} catch ({ call }) { call("secret"); } }
export function v() { if (true) { var call = (n: string) => n; } return call("secret"); }
export const w = function call(n: string): unknown { return n ? call("secret") : 0; };
export function k() { return call("secret"); }
`),
    ["8:35 MZ5001"],
  );
});

test("import resolution: aliases, destructuring, parentheses and type assertions are seen through", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
import * as M from "mizan/client";
const c2 = call; const c3 = c2; const { call: c4, endpoint: e } = M; const api = e("/api"); const { call: c5 } = api;
c2("secret"); c3("secret"); c4("secret"); c5("secret");
call(("secret")); call("secret" as string); call(<string>"secret"); call("secret" satisfies string);
`),
    ["4:4 MZ5001", "4:18 MZ5001", "4:32 MZ5001", "4:46 MZ5001", "5:7 MZ5001", "5:24 MZ5001", "5:58 MZ5001", "5:74 MZ5001"],
  );
});

test("import resolution: aliases inside functions, a shadowed endpoint factory, wrapped callees and element access", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
import * as ns from "mizan/client";
export function f() { const send = call; const again = send; const { call: c2 } = ns; const api = endpoint("/a"); const { call: c3 } = api; const s2 = api.call; return [send("secret"), again("secret"), c2("secret"), c3("secret"), s2("secret")]; }
export function o() { const endpoint = (p: string) => ({ call: (s: string, o: object) => s + p }); return endpoint("/api").call("secret", {}); }
export const w = () => [(call)("secret"), (0, call)("secret"), endpoint("/a")["call"]("secret"), ns["call"]("secret")];
`),
    ["3:175 MZ5001", "3:192 MZ5001", "3:206 MZ5001", "3:220 MZ5001", "3:234 MZ5001", "5:32 MZ5001", "5:53 MZ5001", "5:87 MZ5001", "5:109 MZ5001"],
  );
});

test("import resolution: .call, .apply and .bind of the runtime's call, later assignments and quoted keys", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
import * as ns from "mizan/client";
let send; send = call; let api; api = endpoint("/a"); const { ["call"]: c2, "call": c3 } = ns;
call.call(undefined, "secret"); call.apply(null, ["secret", {}]); call.bind(null, "secret"); ns.call.call(null, "secret");
send("secret"); api.call("secret"); c2("secret"); c3("secret"); call.call(undefined, "nope");
const local = { call: (n: string) => n }; local.call.call(null, "secret"); call.apply(null, ["save"]); call.call("secret", "save");
`),
    ["4:22 MZ5001", "4:51 MZ5001", "4:83 MZ5001", "4:113 MZ5001", "5:6 MZ5001", "5:26 MZ5001", "5:40 MZ5001", "5:54 MZ5001", "5:86 MZ5002"],
  );
});

test("import resolution: a call bound to its this alone is call; a variable also given something else is not assumed to hold it", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
const api = endpoint("/a"); const send = api.call.bind(api); const bare = call.bind(undefined);
send("secret"); bare("secret"); call.bind(null)("secret"); api.call.bind(api)("secret");
const other = (n: string) => n; let s; s = call; s = other; s("secret"); let t = other; t("secret"); t = call;
call.bind(null).bind(undefined)("secret"); api.call.bind(api).bind(null, "secret");
`),
    ["3:6 MZ5001", "3:22 MZ5001", "3:49 MZ5001", "3:79 MZ5001", "5:33 MZ5001", "5:74 MZ5001"],
  );
});

test("import resolution: a variable written by destructuring, for-of, for-in, a compound assignment or ++ is not assumed to hold call", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
const api = endpoint("/a"); const other = (n: string) => n;
let a = api.call.bind(api); [a] = [other]; let b: any = call; ({ b } = { b: other }); let c: any = call; ({ k: [c = other] } = { k: [] });
let d: any = call; for (d of [other]) d("x"); let e: any = call; for (e in {}) e("x"); let f: any = call; f ||= other; let g: any = call; g++;
let h: any = call; [...h] = [other];
export const z = () => [a("secret"), b("secret"), c("secret"), d("secret"), e("secret"), f("secret"), g("secret"), h("secret")];
let kept = call; [other] = [other]; ({ x: other } = { x: 1 }); kept("secret");
`),
    ["7:69 MZ5001"],
  );
});

test("import resolution: an endpoint or a namespace held in another variable or a parameter's default; a second var declaration gives a variable something else", () => {
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
import * as ns from "mizan/client";
const api = endpoint("/a"); const a2 = api; let a3 = a2; const n2 = ns; const other = (n: string) => n;
var s = call; var s = other; var t = other; var t = call;
export const z = () => [a2.call("secret"), a3.call("secret"), n2.call("secret"), s("secret"), t("secret")];
`),
    ["5:33 MZ5001", "5:52 MZ5001", "5:71 MZ5001"],
  );
  // A `var` in a block or a loop's head is the same variable as the one outside; a `let` there is another.
  assert.equal(
    checkText(`import { call } from "mizan/client";
const other = (n: string) => n;
var s = call; if (other("x")) { var s = other; } var t = call; for (var t of [other]) {} var u = call; for (let u of [other]) {}
export const z = () => [s("secret"), t("secret"), u("secret")];
`),
    ["4:53 MZ5001"],
  );
  // A parameter whose default is an endpoint, the runtime's call or a namespace holds it (mizan-gen reads it by its type).
  assert.equal(
    checkText(`import { call, endpoint } from "mizan/client";
import * as ns from "mizan/client";
const api = endpoint("/a"); const other = (n: string) => n;
export function f(a2 = api, s = call, n = ns, o = other) { return [a2.call("secret"), s("secret"), n.call("secret"), o("secret")]; }
`),
    ["4:76 MZ5001", "4:89 MZ5001", "4:107 MZ5001"],
  );
});

test("a call of a context's read or of a view path is refused: the server answers neither at /call/", () => {
  const table = (code: string) => checkText(code);
  assert.equal(table(`import { call } from "mizan/client";\ncall("load"); call("page"); call("save");\n`), ["2:6 MZ5002", "2:20 MZ5002"]);
  const file = ts.createSourceFile("/p/src/ui/app.ts", `import { call } from "mizan/client";\ncall("load"); call("page");\n`, ts.ScriptTarget.Latest, true);
  const api = ts as unknown as TypeScript;
  const messages = checkClientFile(api, file, TABLE, new ImportResolver(api, file), "/p").map((d) => d.message);
  assert.match(messages[0]!, /a read of the context "things"/);
  assert.match(messages[1]!, /a view path: the server answers it at \/p\/:id\//);
});

test.run();
