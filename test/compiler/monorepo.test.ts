// Monorepo layouts: classes in packages/*, the tsconfig in apps/server.
// routes.ts imports each the way the project resolves it (relative for a
// sibling folder, by package name for a workspace package linked into
// node_modules, by a subpath its `exports` maps, by alias for `paths`; by
// the other name of an entry that exports the class only renamed, aliased;
// never through one that exports it as a type only), and the server project,
// generated files included, compiles with tsc. One layout holds the three cases: a
// run of mizan-gen and of tsc each.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "../support/compiler.js";

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const MIZAN_PATHS = { mizan: [join(ROOT, "runtime/index.ts")], "mizan/*": [join(ROOT, "runtime/*/index.ts")] };

const api = (name: string) => `import { client, defineContext } from "mizan";
export const ${name} = defineContext("${name.toLowerCase()}");
export class ${name}Api {
  @client({ affects: ${name} })
  static async rename${name}(id: number, name: string): Promise<void> {}
}
`;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "acme", private: true, type: "module", workspaces: ["packages/*", "apps/*"] }),
  // A sibling folder with no package of its own.
  "packages/users/src/users.ts": api("Users"),
  // A workspace package, linked into node_modules, whose entry re-exports the class.
  "packages/billing/package.json": JSON.stringify({ name: "@acme/billing", type: "module", exports: { ".": "./src/index.ts" } }),
  "packages/billing/src/index.ts": `export { BillingApi, Billing } from "./billing.js";\n`,
  "packages/billing/src/billing.ts": api("Billing"),
  // A workspace package that exports subpaths only, by a pattern.
  "packages/ledger/package.json": JSON.stringify({ name: "@acme/ledger", type: "module", exports: { "./*": "./src/*.ts" } }),
  "packages/ledger/src/ledger.ts": api("Ledger"),
  // An entry that exports the class as a type and under another name: imported by that name, aliased to `CrmApi`.
  "packages/crm/package.json": JSON.stringify({ name: "@acme/crm", type: "module", exports: { ".": "./src/index.ts" } }),
  "packages/crm/src/index.ts": `export type { CrmApi } from "./crm.js";\nexport { CrmApi as Customers, Crm } from "./crm.js";\n`,
  "packages/crm/src/crm.ts": api("Crm"),
  // An entry that exports the class as a type only: no value to import from the package.
  "packages/tax/package.json": JSON.stringify({ name: "@acme/tax", type: "module", exports: { ".": "./src/index.ts" } }),
  "packages/tax/src/index.ts": `export type { TaxApi } from "./tax.js";\nexport { Tax } from "./tax.js";\n`,
  "packages/tax/src/tax.ts": api("Tax"),
  // Reached through a `paths` alias.
  "packages/shop/src/shop.ts": api("Shop"),
  "apps/server/src/main.ts": `import { BillingApi } from "@acme/billing";\nexport const billing = BillingApi;\n`,
  "apps/server/tsconfig.json": JSON.stringify({
    extends: join(ROOT, "fixtures/tsconfig.base.json"),
    compilerOptions: {
      paths: { ...MIZAN_PATHS, "@shop/*": ["../../packages/shop/src/*"] },
      plugins: [{ transform: "mizan-gen/transformer", out: "generated" }],
    },
    include: ["src", "generated", "../../packages/*/src"],
  }),
};

/** The files in a new folder, with the workspace packages linked into node_modules. */
function layout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "mizan-monorepo-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  mkdirSync(join(root, "node_modules/@types"), { recursive: true });
  mkdirSync(join(root, "node_modules/@acme"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules/zod"), join(root, "node_modules/zod"));
  symlinkSync(join(ROOT, "node_modules/@types/node"), join(root, "node_modules/@types/node"));
  for (const name of ["billing", "ledger", "crm", "tax"]) symlinkSync(join(root, "packages", name), join(root, "node_modules/@acme", name));
  return root;
}

test("routes.ts imports each package as the project resolves it, and compiles", () => {
  const root = layout(FILES);
  const tsconfig = join(root, "apps/server/tsconfig.json");
  const result = runCli(["-p", tsconfig]);
  assert.is(result.status, 0, result.stderr);
  const routes = readFileSync(join(root, "apps/server/generated/routes.ts"), "utf8");
  assert.match(routes, `import { UsersApi } from "../../../packages/users/src/users.js";`);
  assert.match(routes, `import { BillingApi } from "@acme/billing";`);
  assert.match(routes, `import { ShopApi } from "@shop/shop.js";`);
  assert.match(routes, `import { LedgerApi } from "@acme/ledger/ledger";`);
  assert.match(routes, `import { Customers as CrmApi } from "@acme/crm";`);
  assert.match(routes, `import { TaxApi } from "../../../packages/tax/src/tax.js";`);
  const tsc = spawnSync(process.execPath, [TSC, "--noEmit", "-p", tsconfig], { encoding: "utf8" });
  assert.is(tsc.stdout + tsc.stderr, "", "tsc output");

  // A diagnostic in a sibling package names its file as tsc does, from the project's folder.
  writeFileSync(join(root, "packages/users/src/users.ts"), api("Users").replace("id: number", "id: bigint"));
  const failed = runCli(["-p", tsconfig]);
  assert.is(failed.status, 1);
  assert.match(failed.stderr, /^\.\.\/\.\.\/packages\/users\/src\/users\.ts:5:\d+ - error MZ2001: /m);
});

test("under bundler resolution, a sibling folder and a paths alias are imported without an extension, as the project's own imports are", () => {
  const tsconfig = JSON.parse(FILES["apps/server/tsconfig.json"]!) as { compilerOptions: Record<string, unknown> };
  tsconfig.compilerOptions.module = "preserve";
  tsconfig.compilerOptions.moduleResolution = "bundler";
  const root = layout({ ...FILES, "apps/server/tsconfig.json": JSON.stringify(tsconfig) });
  const project = join(root, "apps/server/tsconfig.json");
  const result = runCli(["-p", project]);
  assert.is(result.status, 0, result.stderr);
  const routes = readFileSync(join(root, "apps/server/generated/routes.ts"), "utf8");
  assert.match(routes, `import { UsersApi } from "../../../packages/users/src/users";`);
  assert.match(routes, `import { ShopApi } from "@shop/shop";`);
  assert.match(routes, `import { BillingApi } from "@acme/billing";`);
  const tsc = spawnSync(process.execPath, [TSC, "--noEmit", "-p", project], { encoding: "utf8" });
  assert.is(tsc.stdout + tsc.stderr, "", "tsc output");
});

test("a schema whose package resolves from its workspace package but not from the project is MZ2009, naming the package", () => {
  const root = layout({
    ...FILES,
    "packages/users/src/users.ts": `import { client } from "mizan";
import type { z } from "zod";
import { NewUser } from "@acme/schemas";
export class UsersApi {
  @client()
  static async join(user: z.infer<typeof NewUser>): Promise<void> {}
}
`,
    // A dependency of packages/users only, installed there as pnpm does.
    "packages/users/node_modules/@acme/schemas/package.json": JSON.stringify({ name: "@acme/schemas", type: "module", exports: { ".": "./index.ts" } }),
    "packages/users/node_modules/@acme/schemas/index.ts": `import { z } from "zod";\nexport const NewUser = z.object({ email: z.string() });\n`,
  });
  const result = runCli(["-p", join(root, "apps/server/tsconfig.json")]);
  assert.is(result.status, 1);
  assert.match(
    result.stderr,
    'error MZ2009: parameter "user" is declared as the output of `NewUser`, which the route table cannot import: its package, "@acme/schemas" (../../packages/users/node_modules/@acme/schemas/index.ts), does not resolve from the project: add it to the project\'s dependencies, or a `paths` entry',
  );
});

test("a schema its package's entry exports only under another name is imported by that name, aliased, and compiles", () => {
  const root = layout({
    ...FILES,
    "packages/billing/src/index.ts": `export { BillingApi, Billing } from "./billing.js";\nexport { Card as PaymentCard } from "./card.js";\n`,
    "packages/billing/src/card.ts": `import { z } from "zod";\nexport const Card = z.object({ last4: z.string().length(4) });\n`,
    "packages/users/src/users.ts": `import { client } from "mizan";
import type { z } from "zod";
import { Card } from "../../billing/src/card.js";
export class UsersApi {
  @client()
  static async pay(card: z.infer<typeof Card>): Promise<void> {}
}
`,
  });
  const tsconfig = join(root, "apps/server/tsconfig.json");
  const result = runCli(["-p", tsconfig]);
  assert.is(result.status, 0, result.stderr);
  assert.match(readFileSync(join(root, "apps/server/generated/routes.ts"), "utf8"), `import { BillingApi, PaymentCard as Card } from "@acme/billing";`);
  const tsc = spawnSync(process.execPath, [TSC, "--noEmit", "-p", tsconfig], { encoding: "utf8" });
  assert.is(tsc.stdout + tsc.stderr, "", "tsc output");
});

test("a schema in a module its package's exports do not map for an import (nor its entry re-exports) is MZ2009 saying so", () => {
  const root = layout({
    ...FILES,
    // Mapped for require only: routes.ts, an ES module here, imports it under the "import" condition.
    "packages/billing/package.json": JSON.stringify({ name: "@acme/billing", type: "module", exports: { ".": "./src/index.ts", "./internal": { require: "./src/internal.ts" } } }),
    // @acme/billing resolves from the project (linked into node_modules), but exports only ".".
    "packages/billing/src/internal.ts": `import { z } from "zod";\nexport const Secret = z.object({ code: z.string() });\n`,
    "packages/users/src/users.ts": `import { client } from "mizan";
import type { z } from "zod";
import { Secret } from "../../billing/src/internal.js";
export class UsersApi {
  @client()
  static async unlock(secret: z.infer<typeof Secret>): Promise<void> {}
}
`,
  });
  const result = runCli(["-p", join(root, "apps/server/tsconfig.json")]);
  assert.is(result.status, 1);
  assert.match(
    result.stderr,
    'which the route table cannot import: its package, "@acme/billing", exports neither its module (../../packages/billing/src/internal.ts) nor, from its entry, the schema: export it from the entry, or map the module in the package\'s `exports`',
  );
});

test.run();
