// tspc with the Mizan transformer against tspc without it, on synthetic
// projects of 1,000 files with 10 % and with 100 % of them decorated, in one
// run. Each measurement is a whole tspc process under /usr/bin/time (wall
// time, CPU time, peak RSS); rounds alternate which build goes first so that
// machine load hits both; the table reports medians. Both builds type-check
// without emitting (the fixtures' base config has noEmit): the smallest
// baseline, so the largest ratio.
// Run: npx tsc -p . && node dist/bench/transformer/run.js [--rounds N]
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, writeSyntheticProject } from "../synthetic.js";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const ROUNDS = Number(values.rounds);
const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");
const FILES = 1_000;
const METHODS_PER_FILE = 10;

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

interface Shape {
  name: string;
  decorated: number;
}

const SHAPES: Shape[] = [
  { name: "1,000 files, 10 % decorated", decorated: 100 },
  { name: "1,000 files, 100 % decorated", decorated: 1_000 },
];

/** The project, with tsconfig.json (plugin on) and tsconfig.plain.json (plugin off), resolving mizan as an install would. */
function prepare(shape: Shape): { withPlugin: string; without: string } {
  const dir = join(ROOT, "bench/out", `transformer-${shape.decorated}`);
  const withPlugin = writeSyntheticProject({ dir, files: FILES, decoratedFiles: shape.decorated, methodsPerFile: METHODS_PER_FILE });
  const without = join(dir, "tsconfig.plain.json");
  writeFileSync(without, JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [] } }, null, 2));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/mizan"), "dir");
  return { withPlugin, without };
}

function measure(tsconfig: string): Sample {
  const report = join(ROOT, "bench/out/transformer-time.txt");
  const result = spawnSync("/usr/bin/time", ["-o", report, "-f", "%e %U %S %M", process.execPath, TSPC, "-p", tsconfig], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`tspc -p ${tsconfig} failed:\n${result.stdout}${result.stderr}`);
  const [wall, user, system, rssKb] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  return { wall: wall!, cpu: user! + system!, rssMb: rssKb! / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rows: string[] = [];
for (const shape of SHAPES) {
  const configs = prepare(shape);
  // Warm-up: the first build with the plugin writes the generated files; later ones find them unchanged.
  measure(configs.withPlugin);
  measure(configs.without);
  const samples = { withPlugin: [] as Sample[], without: [] as Sample[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (["without", "withPlugin"] as const) : (["withPlugin", "without"] as const);
    for (const which of order) samples[which].push(measure(configs[which]));
    process.stderr.write(`${shape.name}: round ${round + 1}/${ROUNDS}\n`);
  }
  const m = (which: "withPlugin" | "without", key: keyof Sample) => median(samples[which].map((s) => s[key]));
  const ratio = (key: keyof Sample) => (m("withPlugin", key) / m("without", key)).toFixed(3);
  rows.push(
    `| ${shape.name} | ${m("without", "wall").toFixed(2)} s | ${m("withPlugin", "wall").toFixed(2)} s | **${ratio("wall")}×** | ` +
      `${ratio("cpu")}× | ${m("without", "rssMb").toFixed(0)} MB | ${m("withPlugin", "rssMb").toFixed(0)} MB | **${ratio("rssMb")}×** |`,
  );
}

console.log(`${ROUNDS} rounds per shape, alternating order; medians. ${METHODS_PER_FILE} methods per file.\n`);
console.log("| project | tspc | tspc + Mizan | wall ratio | CPU ratio | peak RSS | peak RSS + Mizan | RSS ratio |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
