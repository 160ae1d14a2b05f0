// What a second program costs tsc's check, with no Mizan code at all: the
// one-pass plugin, when the API changed, hands tsc a program made again from
// the first (bench/transformer/run.ts, "one pass, API changed"). Each mode
// runs in a process of its own, with TypeScript's API alone, on the
// synthetic 1,000-file project with 10 % decorated (the generated files
// imported, as run.ts makes it), and times the whole check of the program
// tsc would check (getPreEmitDiagnostics), its checker made before the
// timer starts:
//   one             the program as tsc makes it: the baseline
//   again           a second program made from the first as the plugin makes
//                   it (oldProgram, every file the same object), no checker before
//   checked-again   the first program's checker made first (the plugin's
//                   analysis asks for it), then the second program
//   tiny-checker    a checker of an empty program made first, then the one
//                   program: a second checker in the process, nothing else
//   tiny-program    an empty program (no checker) made first
// Rounds rotate the modes; the table gives medians of each round's ratio to
// its own `one` run, for the check's wall time and the process's CPU time
// (all threads: the collector's helpers too).
//   node dist/bench/transformer/second-program.js [--rounds N]
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ROOT, useGeneratedFiles, writeSyntheticProject } from "../synthetic.js";
import { median } from "../stats.js";

const MODES = ["one", "again", "checked-again", "tiny-checker", "tiny-program"] as const;
type Mode = (typeof MODES)[number];

const { values, positionals } = parseArgs({ options: { rounds: { type: "string", default: "3" }, mode: { type: "string" } }, allowPositionals: true });

/** One mode, in this process: prints the check's ms and the process's CPU ms as JSON. */
async function runMode(mode: Mode, config: string): Promise<void> {
  const { default: ts } = await import("typescript");
  if (mode === "tiny-checker") ts.createProgram({ rootNames: [], options: { noLib: true } }).getTypeChecker();
  if (mode === "tiny-program") ts.createProgram({ rootNames: [], options: { noLib: true } });
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(parsed.options);
  let program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  if (mode === "checked-again") program.getTypeChecker();
  if (mode === "again" || mode === "checked-again") {
    // As the plugin makes it (transformer/program.ts): every file the same object, parsed and bound once.
    const old = program;
    const reuse: typeof host = Object.create(host);
    reuse.getSourceFile = (name, language, onError, fresh) => old.getSourceFile(name) ?? host.getSourceFile(name, language, onError, fresh);
    program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: reuse, oldProgram: old });
  }
  program.getTypeChecker();
  const started = performance.now();
  const errors = ts.getPreEmitDiagnostics(program).length;
  const check = performance.now() - started;
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ check, cpu: (user + system) / 1000, errors }));
}

function project(): string {
  const dir = join(ROOT, "bench/out/second-program");
  if (!existsSync(join(dir, "generated/routes.ts"))) {
    writeSyntheticProject({ dir, files: 1000, decoratedFiles: 100, methodsPerFile: 10 });
    useGeneratedFiles(dir);
    // The generated files, written once by the one-pass plugin's build.
    const onePass = join(dir, "tsconfig.onepass.json");
    const plugin = { transform: "mizan-gen/transformer", transformProgram: true, out: "generated" };
    writeFileSync(onePass, JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [plugin] } }));
    const built = spawnSync(process.execPath, [join(ROOT, "node_modules/ts-patch/bin/tspc.js"), "-p", onePass], { encoding: "utf8" });
    if (built.status !== 0) throw new Error(`tspc failed:\n${built.stdout}${built.stderr}`);
  }
  return join(dir, "tsconfig.json");
}

if (values.mode !== undefined) {
  await runMode(values.mode as Mode, positionals[0]!);
} else {
  const config = project();
  const self = fileURLToPath(import.meta.url);
  const samples = new Map<Mode, { check: number; cpu: number }[]>(MODES.map((mode) => [mode, []]));
  const rounds = Number(values.rounds);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < MODES.length; i++) {
      const mode = MODES[(round + i) % MODES.length]!;
      const child = spawnSync(process.execPath, [self, "--mode", mode, config], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`${mode} failed:\n${child.stderr}`);
      const sample = JSON.parse(child.stdout) as { check: number; cpu: number; errors: number };
      if (sample.errors !== 0) throw new Error(`${mode}: the synthetic project has ${sample.errors} errors`);
      samples.get(mode)!.push(sample);
    }
    process.stderr.write(`round ${round + 1}/${rounds}\n`);
  }
  const base = samples.get("one")!;
  console.log(`${rounds} rounds, modes rotated; medians, and medians of each round's ratio to its own "one" run\n`);
  console.log("| mode | check | check ratio | process CPU | CPU ratio |\n| --- | ---: | ---: | ---: | ---: |");
  for (const mode of MODES) {
    const s = samples.get(mode)!;
    const ratio = (key: "check" | "cpu") => median(s.map((x, round) => x[key] / base[round]![key])).toFixed(3);
    console.log(
      `| ${mode} | ${(median(s.map((x) => x.check)) / 1000).toFixed(2)} s | ${ratio("check")}× | ${(median(s.map((x) => x.cpu)) / 1000).toFixed(2)} s | ${ratio("cpu")}× |`,
    );
  }
}
