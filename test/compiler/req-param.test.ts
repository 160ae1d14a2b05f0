// The injected request parameter: `Req` or `AuthedReq`, however the app
// spells it (a principal argument, a re-export, its own alias, an interface
// extending one) is injected, and an `AuthedReq` requires a user; a type
// that holds one without being one (a union, an intersection, a mapped type)
// is MZ2011 rather than a wire parameter that cannot be sent.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { expectDiagnostics, generateProject, tempProject } from "../support/compiler.js";

const PRELUDE = `import { client, defineContext, type AuthedReq, type Req } from "mizan";
import type * as mz from "mizan";
export const Ctx = defineContext("ctx");
interface User { id: string }
type SignedIn = AuthedReq<User>;
type Plain = Req;
export interface StaffReq extends AuthedReq<User> {}`;

function api(members: string, extra: Record<string, string> = {}): Record<string, string> {
  return { "src/api.ts": `${PRELUDE}\nexport class Api {\n${members}\n}\n`, ...extra };
}

const method = (name: string, reqType: string) => `  @client({ affects: Ctx })\n  static async ${name}(req: ${reqType}, q: string): Promise<void> {}`;

test("every spelling of Req and AuthedReq is injected; the AuthedReq ones require a user", () => {
  const members = [
    method("alias", "SignedIn"),
    method("plainAlias", "Plain"),
    method("extended", "StaffReq"),
    method("namespaced", "mz.AuthedReq<User>"),
    method("reexported", "Authed"),
    method("optional", "AuthedReq | undefined"),
    method("plain", "Req"),
  ].join("\n");
  const reexport = { "src/auth.ts": 'export type { AuthedReq as Authed } from "mizan";\n' };
  const files = api(members, reexport);
  files["src/api.ts"] = files["src/api.ts"]!.replace("export class Api", 'import type { Authed } from "./auth.js";\nexport class Api');
  const dir = tempProject(files);
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const seen = Object.fromEntries(generation.ir.functions.map((f) => [f.name, [f.takesReq, f.requireUser, f.params.map((p) => p.name)]]));
    assert.equal(seen, {
      alias: [true, true, ["q"]],
      plainAlias: [true, null, ["q"]],
      extended: [true, true, ["q"]],
      namespaced: [true, true, ["q"]],
      reexported: [true, true, ["q"]],
      optional: [true, true, ["q"]],
      plain: [true, null, ["q"]],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a type that holds a Req without being one: MZ2011, once, at the parameter", () => {
  const members = [method("readonlyReq", "Readonly<AuthedReq>"), method("intersected", "AuthedReq & { tenant?: string }"), method("either", "AuthedReq | Req")].join("\n");
  expectDiagnostics(api(members), [
    "src/api.ts:10:28 MZ2011 the request parameter is typed `Readonly<AuthedReq<unknown>>`, which holds a `Req` without being one",
    "src/api.ts:12:28 MZ2011 the request parameter is typed `AuthedReq<unknown> & { tenant?: string | undefined; }`, which holds a `Req` without being one",
    "src/api.ts:14:23 MZ2011 the request parameter is typed `AuthedReq<unknown> | Req<unknown>`, which holds a `Req` without being one",
  ]);
});

test.run();
