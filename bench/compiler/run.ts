// mizan-gen against tsc --noEmit on the same synthetic projects, in one run:
// cold and warm runs, scaling from 1,000 to 10,000 methods, the dense shapes
// (every file decorated) with realistic and with trivial method bodies, a
// 1-method project, and the latency of one edited file in --watch. Every
// timing is a whole child process under /usr/bin/time (wall and CPU =
// user + system), the way a user runs them; within a round the tools run
// back to back, and ratios are medians of each round's ratio, so machine
// load hits all of them. With MIZAN_BEFORE=<an older build's
// dist/compiler/cli/main.js>, that mizan-gen runs cold beside this one, in
// the same rounds. Beside them, `tsc --noEmit --noCheck`: tsc reading,
// parsing, resolving and binding the same program without checking it, the
// floor of any tool that builds and binds the program as tsc does. Cold runs
// start from the declaration snapshot (built once per shape before the
// rounds, as a user's first cold run builds it), and again without it.
// Run: npm run build && node dist/bench/compiler/run.js [--rounds N] [--edits N] [--watch-only] [--shapes a,b]
import { spawn, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { cacheFile, recordSlot } from "../../compiler/output/cache.js";
import { snapshotPaths } from "../../compiler/snapshot/paths.js";
import { ROOT, writeSyntheticProject } from "../synthetic.js";
import { median, percentile } from "../stats.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    edits: { type: "string", default: "40" },
    "watch-only": { type: "boolean", default: false },
    shapes: { type: "string" },
  },
});
const ROUNDS = Number(values.rounds);
const EDITS = Number(values.edits);
const CLI = join(ROOT, "dist/compiler/cli/main.js");
const BEFORE = process.env.MIZAN_BEFORE;
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

interface Shape {
  key: string;
  name: string;
  methods: number;
  decoratedFiles: number;
  plainFiles: number;
  bodies?: "trivial";
}

// Real apps keep most of their code outside the RPC surface: four plain files
// per decorated one. The dense shapes (every file decorated) are the worst
// case, and trivial bodies the worst of those: tsc has little to check beyond
// what mizan-gen reads too.
const SHAPES: Shape[] = [
  { key: "1k", name: "1k methods, 500 files (100 decorated)", methods: 1_000, decoratedFiles: 100, plainFiles: 400 },
  { key: "10k", name: "10k methods, 5000 files (1000 decorated)", methods: 10_000, decoratedFiles: 1_000, plainFiles: 4_000 },
  { key: "1k-dense", name: "1k methods, 100 files (all decorated)", methods: 1_000, decoratedFiles: 100, plainFiles: 0 },
  { key: "1k-dense-trivial", name: "1k methods, 100 files (all decorated, trivial bodies)", methods: 1_000, decoratedFiles: 100, plainFiles: 0, bodies: "trivial" },
  { key: "10k-dense", name: "10k methods, 1000 files (all decorated)", methods: 10_000, decoratedFiles: 1_000, plainFiles: 0 },
  { key: "10k-dense-trivial", name: "10k methods, 1000 files (all decorated, trivial bodies)", methods: 10_000, decoratedFiles: 1_000, plainFiles: 0, bodies: "trivial" },
  { key: "1", name: "1 method, 1 file", methods: 1, decoratedFiles: 1, plainFiles: 0 },
];

interface Sample {
  wall: number;
  cpu: number;
}

/** One whole process: wall and CPU (user + system) seconds, from /usr/bin/time. */
function timed(command: string[], env: NodeJS.ProcessEnv = snapshotOn()): Sample {
  const report = join(ROOT, "bench/out/compiler-time.txt");
  const result = spawnSync("/usr/bin/time", ["-o", report, "-f", "%e %U %S", process.execPath, ...command], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env,
  });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  const [wall, user, system] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  return { wall: wall!, cpu: user! + system! };
}

const outputs = ["client.ts", "manifest.json", "routes.ts"];

function mtimes(dir: string): number[] {
  return outputs.map((name) => statSync(join(dir, "generated", name)).mtimeMs);
}

/** The declaration snapshot built and used (also with CI set), in the shape's own folder (measure); and neither. */
const snapshotOn = () => ({ ...process.env, MIZAN_SNAPSHOT: "1" });
const SNAPSHOT_OFF = { ...process.env, MIZAN_SNAPSHOT: "0" };

/** Waits while a declaration snapshot is being built (the first cold run of a shape asks for one). */
function snapshotBuilt(): void {
  const paths = snapshotPaths();
  for (let waited = 0; paths && existsSync(paths.lock) && waited < 300_000; waited += 100) spawnSync("sleep", ["0.1"]);
}

interface Row {
  shape: Shape;
  tsc: Sample[];
  unchecked: Sample[];
  cold: Sample[];
  /** Cold, without the declaration snapshot. */
  bare: Sample[];
  before: Sample[];
  warm: Sample[];
  warmWrites: number;
}

function projectDir(shape: Shape): string {
  return join(ROOT, "bench/out", shape.name.replace(/[^a-z0-9]+/gi, "-"));
}

function writeShape(shape: Shape): string {
  return writeSyntheticProject({
    dir: projectDir(shape),
    files: shape.decoratedFiles + shape.plainFiles,
    decoratedFiles: shape.decoratedFiles,
    methodsPerFile: shape.methods / shape.decoratedFiles,
    bodies: shape.bodies,
  });
}

function measure(shape: Shape): Row {
  const dir = projectDir(shape);
  const tsconfig = writeShape(shape);
  // A snapshot of this project's declarations alone: node_modules/.cache/mizan's also holds those of every
  // other project run with this TypeScript (the fixtures, other shapes), a larger snapshot slower to start.
  process.env.MIZAN_SNAPSHOT_DIR = join(dir, ".snapshot");
  const cache = cacheFile(dir, recordSlot(tsconfig, undefined));
  timed([CLI, "-p", tsconfig]); // writes the outputs once, so cold runs below compare, not create
  rmSync(cache, { force: true });
  timed([CLI, "-p", tsconfig]); // and the declaration snapshot, if this run parsed declarations afresh
  snapshotBuilt();
  const row: Row = { shape, tsc: [], unchecked: [], cold: [], bare: [], before: [], warm: [], warmWrites: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    row.tsc.push(timed([TSC, "--noEmit", "-p", tsconfig]));
    row.unchecked.push(timed([TSC, "--noEmit", "--noCheck", "-p", tsconfig]));
    rmSync(cache, { force: true });
    row.cold.push(timed([CLI, "-p", tsconfig]));
    const before = mtimes(dir);
    row.warm.push(timed([CLI, "-p", tsconfig]));
    row.warmWrites += mtimes(dir).filter((t, i) => t !== before[i]).length;
    rmSync(cache, { force: true });
    row.bare.push(timed([CLI, "-p", tsconfig], SNAPSHOT_OFF));
    if (BEFORE) {
      // The older build keeps its record under its own version key: remove every record so that it runs
      // cold, but keep V8's code cache of typescript.js beside them, which the cold runs above have too.
      for (const name of readdirSync(dirname(cache))) if (name.endsWith(".json")) rmSync(join(dirname(cache), name), { force: true });
      row.before.push(timed([BEFORE, "-p", tsconfig]));
    }
  }
  return row;
}

/** Edits one decorated file EDITS times under --watch; ms from the write to the regeneration's report. */
async function watchLatencies(shape: Shape): Promise<number[]> {
  const dir = projectDir(shape);
  writeShape(shape);
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
  const wanted = values.shapes?.split(",");
  const rows = SHAPES.filter((shape) => !wanted || wanted.includes(shape.key)).map(measure);
  const fmt = (s: number) => `${s.toFixed(2)} s`;
  /** The median of each round's ratio. */
  const ratio = (a: Sample[], b: Sample[], key: keyof Sample) => median(a.map((s, i) => s[key] / b[i]![key])).toFixed(2);
  const mid = (samples: Sample[], key: keyof Sample) => fmt(median(samples.map((s) => s[key])));
  console.log(`rounds: ${ROUNDS} (medians; ratios: medians of each round's ratio) · node ${process.version} · load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  console.log("| project | tsc --noEmit wall | CPU | mizan-gen cold wall | CPU | cold / tsc wall | cold / tsc CPU | warm wall | warm / cold | warm writes |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.shape.name} | ${mid(r.tsc, "wall")} | ${mid(r.tsc, "cpu")} | ${mid(r.cold, "wall")} | ${mid(r.cold, "cpu")} | ` +
        `**${ratio(r.cold, r.tsc, "wall")}×** | **${ratio(r.cold, r.tsc, "cpu")}×** | ${mid(r.warm, "wall")} | ${ratio(r.warm, r.cold, "wall")}× | ${r.warmWrites} |`,
    );
  }
  console.log("\nmizan-gen cold without the declaration snapshot (MIZAN_SNAPSHOT=0), same rounds:\n");
  console.log("| project | wall | CPU | / tsc wall | / tsc CPU | with the snapshot / without, wall | CPU |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.shape.name} | ${mid(r.bare, "wall")} | ${mid(r.bare, "cpu")} | ${ratio(r.bare, r.tsc, "wall")}× | ${ratio(r.bare, r.tsc, "cpu")}× | ` +
        `${ratio(r.cold, r.bare, "wall")}× | ${ratio(r.cold, r.bare, "cpu")}× |`,
    );
  }
  console.log("\ntsc --noEmit --noCheck (parsing, module resolution and binding; no check), same rounds:\n");
  console.log("| project | wall | CPU | / tsc wall | / tsc CPU | mizan-gen cold / it, wall | CPU |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.shape.name} | ${mid(r.unchecked, "wall")} | ${mid(r.unchecked, "cpu")} | ${ratio(r.unchecked, r.tsc, "wall")}× | ${ratio(r.unchecked, r.tsc, "cpu")}× | ` +
        `${ratio(r.cold, r.unchecked, "wall")}× | ${ratio(r.cold, r.unchecked, "cpu")}× |`,
    );
  }
  if (BEFORE) {
    console.log(`\nbefore (${BEFORE}), cold, same rounds:\n`);
    console.log("| project | before wall | CPU | before / tsc wall | before / tsc CPU | now / before wall | now / before CPU |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(
        `| ${r.shape.name} | ${mid(r.before, "wall")} | ${mid(r.before, "cpu")} | ${ratio(r.before, r.tsc, "wall")}× | ${ratio(r.before, r.tsc, "cpu")}× | ` +
          `**${ratio(r.cold, r.before, "wall")}×** | **${ratio(r.cold, r.before, "cpu")}×** |`,
      );
    }
  }
  const cold = (key: string) => median(rows.find((r) => r.shape.key === key)?.cold.map((s) => s.wall) ?? [NaN]);
  if (!wanted) {
    console.log(
      `\nscaling, 10× the methods: ${(cold("10k") / cold("1k")).toFixed(1)}× the cold time (with plain files), ${(cold("10k-dense") / cold("1k-dense")).toFixed(1)}× (all decorated)`,
    );
  }
}
if (!values.shapes) {
  const latencies = await watchLatencies(SHAPES[0]!);
  console.log(
    `--watch, one edited file at 1k methods (${EDITS} edits): median ${Math.round(median(latencies))} ms, p95 ${Math.round(percentile(latencies, 0.95))} ms, max ${Math.round(Math.max(...latencies))} ms`,
  );
}
