// The two packages as a user gets them: `npm pack` of mizan (runtime/) and
// mizan-gen (the root), installed with npm into a fresh folder outside the
// repository. Needs the build (npm test builds first) and the npm registry
// for the packages' own dependencies (served from npm's cache when warm).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./compiler.js";

export interface Packed {
  /** The tarball's path. */
  path: string;
  /** Its size in bytes, and the unpacked size of its files. */
  size: number;
  unpackedSize: number;
  /** Every file in it, relative to the package root. */
  files: string[];
}

const NPM = "npm";

/** Packs the package at `dir` into `destination`. */
export function pack(dir: string, destination: string): Packed {
  const out = execFileSync(NPM, ["pack", "--json", "--pack-destination", destination], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const [info] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  return {
    path: join(destination, info!.filename),
    size: info!.size,
    unpackedSize: info!.unpackedSize,
    files: info!.files.map((file) => file.path).sort(),
  };
}

export function packBoth(): { mizan: Packed; mizanGen: Packed; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "mizan-pack-"));
  return { mizan: pack(join(ROOT, "runtime"), dir), mizanGen: pack(ROOT, dir), dir };
}

/** A fresh folder outside the repository holding `files` (a package.json among them). */
export function freshApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "mizan-app-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    execFileSync("mkdir", ["-p", join(path, "..")]);
    writeFileSync(path, text);
  }
  return dir;
}

export interface Run {
  status: number | null;
  output: string;
}

/** Runs a command in `cwd` through the shell, as a user types it. */
export function sh(command: string, cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync("bash", ["-c", command], { cwd, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `npm install` with what the registry mirror holds in npm's cache first; no audit or fund noise. */
export function npmInstall(cwd: string, specs: string[], dev = false): Run {
  const flags = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...(dev ? ["-D"] : [])];
  return sh(`npm install ${flags.join(" ")} ${specs.map((s) => `'${s}'`).join(" ")}`, cwd);
}

/** Names of the packages installed in `dir/node_modules` (scopes expanded). */
export function installedPackages(dir: string): string[] {
  const top = join(dir, "node_modules");
  return readdirSync(top)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(top, name)).map((inner) => `${name}/${inner}`) : [name]))
    .sort();
}
