// mizan-gen against tsc --noEmit on the same synthetic projects, in one run:
// cold and warm runs, scaling from 1,000 to 10,000 methods, and the latency
// of one edited file in --watch. Every timing is a whole child process, the
// way a user runs them; rounds alternate the tools so machine load hits both.
// Run: npm run build && node dist/bench/compiler/run.js [--rounds N] [--edits N] [--watch-only]
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cacheFile, cacheKey } from "../../compiler/output/cache.js";
import { ROOT, writeSyntheticProject } from "../synthetic.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    edits: { type: "string", default: "40" },
    "watch-only": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(values.rounds);
const EDITS = Number(values.edits);
const CLI = join(ROOT, "dist/compiler/cli/main.js");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

interface Shape {
  name: string;
  methods: number;
  decoratedFiles: number;
  plainFiles: number;
}

// Real apps keep most of their code outside the RPC surface: four plain files
// per decorated one. The dense shapes (every file decorated) are the worst case.
const SHAPES: Shape[] = [
  { name: "1k methods, 500 files (100 decorated)", methods: 1_000, decoratedFiles: 100, plainFiles: 400 },
  { name: "10k methods, 5000 files (1000 decorated)", methods: 10_000, decoratedFiles: 1_000, plainFiles: 4_000 },
  { name: "1k methods, 100 files (all decorated)", methods: 1_000, decoratedFiles: 100, plainFiles: 0 },
  { name: "10k methods, 1000 files (all decorated)", methods: 10_000, decoratedFiles: 1_000, plainFiles: 0 },
];

function seconds(command: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, command, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const outputs = ["client.ts", "manifest.json", "routes.ts"];

function mtimes(dir: string): number[] {
  return outputs.map((name) => statSync(join(dir, "generated", name)).mtimeMs);
}

interface Row {
  shape: Shape;
  tsc: number;
  cold: number;
  warm: number;
  warmWrites: number;
}

function measure(shape: Shape): Row {
  const dir = join(ROOT, "bench/out", shape.name.replace(/[^a-z0-9]+/gi, "-"));
  const tsconfig = writeSyntheticProject({
    dir,
    files: shape.decoratedFiles + shape.plainFiles,
    decoratedFiles: shape.decoratedFiles,
    methodsPerFile: shape.methods / shape.decoratedFiles,
  });
  const cache = cacheFile(dir, cacheKey(tsconfig, undefined));
  seconds([CLI, "-p", tsconfig]); // writes the outputs once, so cold runs below compare, not create
  const tsc: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  let warmWrites = 0;
  for (let round = 0; round < ROUNDS; round++) {
    tsc.push(seconds([TSC, "--noEmit", "-p", tsconfig]));
    rmSync(cache, { force: true });
    cold.push(seconds([CLI, "-p", tsconfig]));
    const before = mtimes(dir);
    warm.push(seconds([CLI, "-p", tsconfig]));
    warmWrites += mtimes(dir).filter((t, i) => t !== before[i]).length;
  }
  return { shape, tsc: median(tsc), cold: median(cold), warm: median(warm), warmWrites };
}

/** Edits one decorated file EDITS times under --watch; ms from the write to the regeneration's report. */
async function watchLatencies(shape: Shape): Promise<number[]> {
  const dir = join(ROOT, "bench/out", shape.name.replace(/[^a-z0-9]+/gi, "-"));
  writeSyntheticProject({
    dir,
    files: shape.decoratedFiles + shape.plainFiles,
    decoratedFiles: shape.decoratedFiles,
    methodsPerFile: shape.methods / shape.decoratedFiles,
  });
  const child = spawn(process.execPath, [CLI, "--watch", "-p", join(dir, "tsconfig.json")], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  // Each regeneration prints one line; one that wrote files ends an edit.
  const written = () => output.split("\n").filter((line) => line.includes("(wrote ")).length;
  await until(() => output.includes("watching for changes"));
  const file = join(dir, "src/mod0.ts");
  const original = readFileSync(file, "utf8");
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    // Alternate a signature change in and out, so every edit changes the output.
    const text = i % 2 === 0 ? original.replace("page?: number)", "page?: number, query?: string)") : original;
    const before = written();
    const started = performance.now();
    writeFileSync(file, text);
    await until(() => written() > before);
    latencies.push(performance.now() - started);
  }
  writeFileSync(file, original);
  child.kill();
  return latencies;
}

if (!values["watch-only"]) {
  const rows = SHAPES.map(measure);
  const fmt = (s: number) => `${s.toFixed(2)} s`;
  console.log(`rounds: ${ROUNDS} (medians) · node ${process.version}\n`);
  console.log("| project | tsc --noEmit | mizan-gen cold | cold / tsc | mizan-gen warm | warm / cold | warm writes |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.shape.name} | ${fmt(r.tsc)} | ${fmt(r.cold)} | ${(r.cold / r.tsc).toFixed(2)}× | ${fmt(r.warm)} | ${(r.warm / r.cold).toFixed(3)}× | ${r.warmWrites} |`,
    );
  }
  console.log(
    `\nscaling, 10× the methods: ${(rows[1]!.cold / rows[0]!.cold).toFixed(1)}× the cold time (with plain files), ${(rows[3]!.cold / rows[2]!.cold).toFixed(1)}× (all decorated)`,
  );
}
const latencies = await watchLatencies(SHAPES[0]!);
console.log(
  `--watch, one edited file at 1k methods (${EDITS} edits): median ${Math.round(median(latencies))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, max ${Math.round(Math.max(...latencies))} ms`,
);
