// Running the compiler from tests: in process over a fixture's tsconfig, or
// as the mizan-gen CLI; and throwaway projects that resolve "mizan" to this
// repository's source.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as assert from "uvu/assert";
import { formatDiagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { generate, type Generation } from "../../compiler/generate.js";
import { coreInput, loadProject } from "../../compiler/host/project.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const CLI = join(ROOT, "dist/compiler/cli/main.js");

export function fixtureNames(kind: "projects" | "errors"): string[] {
  return readdirSync(join(ROOT, "fixtures", kind), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function fixtureDir(kind: "projects" | "errors", name: string): string {
  return join(ROOT, "fixtures", kind, name);
}

export function generateProject(tsconfig: string): Generation {
  return generate(coreInput(loadProject(tsconfig), {}));
}

export function diagnosticsText(generation: Generation): string {
  return generation.diagnostics.map(formatDiagnostic).join("\n") + "\n";
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A project in a fresh temporary folder, extending the fixtures' base config
 * so `mizan` resolves to this repository. Returns its folder.
 */
export function tempProject(files: Record<string, string>, plugin: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "mizan-project-"));
  const tsconfig = {
    extends: join(ROOT, "fixtures/tsconfig.base.json"),
    compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", out: "generated", ...plugin }] },
    include: ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  // An ES module package, as the base's nodenext and verbatimModuleSyntax require of the generated files (MZ6004); `files` may replace it.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/**
 * A rule's edge case in one line: a throwaway project of `files` reports
 * exactly `expected`, each as `file:line:col MZnnnn message`, followed by
 * ` (related: file:line:col message)` when the diagnostic names another place.
 */
export function expectDiagnostics(files: Record<string, string>, expected: readonly string[]): void {
  const dir = tempProject(files);
  try {
    const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;
    const actual = generateProject(join(dir, "tsconfig.json")).diagnostics.map(
      (d) => `${at(d.location)} ${d.code} ${d.message}${d.related ? ` (related: ${at(d.related.location)} ${d.related.message})` : ""}`,
    );
    assert.equal(actual, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `src/api.ts` importing mizan's names, then `prelude`, then `export class Api { members }`. */
export function apiFile(members: string, prelude = ""): Record<string, string> {
  return { "src/api.ts": `import { client, defineContext } from "mizan";\n${prelude}\nexport class Api {\n${members}\n}\n` };
}
