// Running tspc (ts-patch's tsc) the way a user does: the project resolves
// "mizan-gen/transformer" through its own node_modules, here links to this
// repository. Projects built by tests live under test/artifacts/ (ignored by
// git), inside the repository so that "type": "module" and @types/node apply.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, type CliResult } from "../support/compiler.js";

export const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");
export const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
export const ARTIFACTS = join(ROOT, "test/artifacts/transformer");
export const TRANSFORMER_FIXTURES = join(ROOT, "fixtures/transformer");

/** tspc (or plain tsc) over a tsconfig, from its folder, with tsc's plain `file(line,col): error` output. */
export function runTsc(tsconfig: string, compiler = TSPC, args: string[] = [], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [compiler, "-p", tsconfig, "--pretty", "false", ...args], {
    cwd: dirname(tsconfig),
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Links `dir/node_modules/mizan` (runtime/) and `mizan-gen` (this repository), as an install would. */
export function linkMizan(dir: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  for (const [name, target] of [["mizan", join(ROOT, "runtime")], ["mizan-gen", ROOT]] as const) {
    try {
      symlinkSync(target, join(dir, "node_modules", name), "dir");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

export function transformerFixtures(): string[] {
  return readdirSync(TRANSFORMER_FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
    .map((entry) => entry.name)
    .sort();
}

/**
 * A fresh project under test/artifacts/transformer/NAME: `files`, copies of
 * `copy` (folder → source folder), and a tsconfig.json extending the
 * fixtures' base config with `compilerOptions` merged in.
 */
export function artifactProject(
  name: string,
  options: { files?: Record<string, string>; copy?: Record<string, string>; compilerOptions?: object; include?: string[] },
): string {
  const dir = join(ARTIFACTS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [to, from] of Object.entries(options.copy ?? {})) cpSync(from, join(dir, to), { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tsconfig = {
    extends: join(ROOT, "fixtures/tsconfig.base.json"),
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated" }], ...options.compilerOptions },
    include: options.include ?? ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  linkMizan(dir);
  return dir;
}

/** `file:line:col code` for every Mizan diagnostic in tsc's or mizan-gen's output, to compare hosts. */
export function mizanErrors(output: string): string[] {
  const tsc = [...output.matchAll(/^(\S+)\((\d+),(\d+)\): error TS\d+: (MZ\d{4}):/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
  const cli = [...output.matchAll(/^(\S+):(\d+):(\d+) - error (MZ\d{4}):/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
  return [...tsc, ...cli];
}
