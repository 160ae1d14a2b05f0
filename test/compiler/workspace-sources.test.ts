// Which workspace packages are read from their sources without references
// (compiler/input/workspace-sources.ts): the project's declared dependencies,
// and theirs, linked from outside any node_modules, each with a tsconfig that
// builds declarations.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ts } from "../../compiler/host/typescript.js";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseReference } from "../../compiler/input/reference-sources.js";
import { workspaceSources } from "../../compiler/input/workspace-sources.js";

function write(root: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content));
  }
}

const BUILT = { compilerOptions: { declaration: true, outDir: "dist", rootDir: "src", module: "nodenext", moduleResolution: "nodenext" }, include: ["src"] };

test("declared workspace dependencies, and theirs, map their built declarations to their sources", () => {
  const root = mkdtempSync(join(tmpdir(), "mizan-workspace-"));
  write(root, {
    "apps/server/package.json": { name: "server", dependencies: { "@acme/api": "*", "../evil": "*", lodash: "*", mizan: "*" }, devDependencies: [] },
    "packages/api/package.json": { name: "@acme/api", dependencies: { "@acme/db": "*" } },
    "packages/api/tsconfig.json": BUILT,
    "packages/api/src/index.ts": "export const a = 1;\n",
    "packages/db/package.json": { name: "@acme/db" },
    "packages/db/tsconfig.json": BUILT,
    "packages/db/src/index.ts": "export const b = 1;\n",
    // Not a workspace package: a folder inside node_modules.
    "node_modules/lodash/package.json": { name: "lodash" },
    "node_modules/lodash/tsconfig.json": BUILT,
    "node_modules/lodash/src/index.ts": "export {};\n",
    // Mizan's own packages, linked from a checkout: read as published.
    "mizan/package.json": { name: "mizan" },
    "mizan/tsconfig.json": BUILT,
    "mizan/src/index.ts": "export {};\n",
    // Reached only by a dependency name that leaves node_modules.
    "evil/tsconfig.json": BUILT,
    "evil/src/index.ts": "export {};\n",
  });
  mkdirSync(join(root, "node_modules/@acme"), { recursive: true });
  symlinkSync(join(root, "packages/api"), join(root, "node_modules/@acme/api"), "dir");
  symlinkSync(join(root, "packages/db"), join(root, "node_modules/@acme/db"), "dir");
  symlinkSync(join(root, "mizan"), join(root, "node_modules/mizan"), "dir");

  const { sources, files } = workspaceSources(ts, join(root, "apps/server"), parseReference(ts));
  assert.equal(Object.fromEntries(sources), {
    [`${root}/packages/api/dist/index.d.ts`]: `${root}/packages/api/src/index.ts`,
    [`${root}/packages/db/dist/index.d.ts`]: `${root}/packages/db/src/index.ts`,
  });
  assert.equal(files.sort(), [
    `${root}/apps/server/package.json`,
    `${root}/packages/api/package.json`,
    `${root}/packages/api/tsconfig.json`,
    `${root}/packages/db/package.json`,
    `${root}/packages/db/tsconfig.json`,
  ]);
});

test("a project with no package.json, or a package.json that does not parse, reads no workspace package", () => {
  const root = mkdtempSync(join(tmpdir(), "mizan-workspace-"));
  write(root, { "app/package.json": "{ not json" });
  assert.is(workspaceSources(ts, join(root, "app"), parseReference(ts)).sources.size, 0);
});

test.run();
