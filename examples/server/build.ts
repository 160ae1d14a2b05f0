// `npm run demo:build`, after the first `tsc`: runs mizan-gen on the demo,
// compiles again only when that changed the generated files (a second `tsc`
// costs seconds even when there is nothing to do), then bundles the page.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWeb, PUBLIC_DIR } from "./bundle.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const GENERATED = join(ROOT, "examples/generated");

function run(script: string, ...args: string[]): void {
  const { status } = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: "inherit" });
  if (status !== 0) process.exit(status ?? 1);
}

async function generatedFiles(): Promise<string> {
  const files = ["client.ts", "manifest.json", "routes.ts"];
  return (await Promise.all(files.map((file) => readFile(join(GENERATED, file), "utf8").catch(() => "")))).join("\0");
}

const before = await generatedFiles();
run(join(ROOT, "dist/compiler/cli/main.js"), "-p", "examples/tsconfig.json");
if ((await generatedFiles()) !== before) {
  run(createRequire(import.meta.url).resolve("typescript/bin/tsc"), "-p", "tsconfig.json");
}
await bundleWeb();
console.log(`demo page bundled → ${PUBLIC_DIR}`);
