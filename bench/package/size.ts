// Package sizes as npm reports them and as an install weighs on disk: mizan
// and mizan-gen packed from this repository, next to @trpc/server and hono
// from the registry, each installed alone (with its dependencies, without
// its peers) into a fresh folder. Prints a Markdown table.
// Run: npm run build && node dist/bench/package/size.js
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installedPackages, npmInstall, packBoth, type Packed } from "../../test/support/pack.js";

function du(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += du(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function packFromRegistry(spec: string, destination: string): Packed {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination, spec], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [info] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: unknown[] }[];
  return { path: join(destination, info!.filename), size: info!.size, unpackedSize: info!.unpackedSize, files: [] };
}

/** Installed alone with its dependencies; peers (TypeScript, React, Redis, mizan for mizan-gen) are the app's, so left out for every row. */
function install(spec: string): { bytes: number; packages: number } {
  const dir = mkdtempSync(join(tmpdir(), "mizan-size-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "size", private: true }));
  const run = npmInstall(dir, ["--legacy-peer-deps", spec]);
  if (run.status !== 0) throw new Error(run.output);
  return { bytes: du(join(dir, "node_modules")), packages: installedPackages(dir).length };
}

const ours = packBoth();
const rows: [string, Packed, string][] = [
  ["mizan (runtime)", ours.mizan, ours.mizan.path],
  ["mizan-gen (toolchain, dev)", ours.mizanGen, ours.mizanGen.path],
];
for (const name of ["@trpc/server", "hono"]) {
  const packed = packFromRegistry(name, ours.dir);
  rows.push([`${name} ${packed.path.match(/-(\d[^-]*)\.tgz$/)?.[1] ?? ""}`, packed, name]);
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
console.log("| package | tarball | unpacked | installed (dependencies, no peers) | packages installed |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, packed, spec] of rows) {
  const installed = install(spec);
  console.log(`| ${name} | ${kb(packed.size)} | ${kb(packed.unpackedSize)} | ${kb(installed.bytes)} | ${installed.packages} |`);
}
