// tspc with the Mizan transformer against tspc without it, on synthetic
// projects of 1,000 files with 10 % and with 100 % of them decorated, in one
// run. Each measurement is a whole tspc process under /usr/bin/time (wall
// time, CPU time, peak RSS), and the plugin's own time as it reports it
// (MIZAN_TIMING); rounds rotate which build goes first so that
// machine load hits all; the table reports medians (ratios: the median of
// each round's ratio). Two builds with the
// plugin: the usual one, where the API is as the last build left it (the
// files are not rendered again), and one after an API change (its render
// record removed first, so the files are rendered). All builds type-check
// without emitting (the fixtures' base config has noEmit): the smallest
// baseline, so the largest ratio.
// Two more with the one-pass plugin (`"transformProgram": true`): API
// unchanged, and API changed (the generated files on disk made stale first,
// so they are written again and tsc gets a program made again with them).
// The projects have a server module and a client module that import the
// generated files, as real ones do.
// Each round also runs plain tspc a second time ("A/A"): its ratio to the
// first is what the machine's load alone does to a ratio of two whole
// processes. On a shared machine that is seconds of CPU time either way,
// more than the plugin's whole cost at 10 %, so the table also gives the
// plugin's CPU share: the process CPU over the plugin's work (MIZAN_TIMING's
// second line, every thread) over the same process's CPU time. In one pass
// that span leaves out the making of tsc's checker (tsc's own work, timed on
// a line of its own); the plugin's own time there counts making the program
// again.
// --side-by-side runs each build with the plugin at the same time as a plain
// build and takes its ratio to that one: the two share the machine's load
// moment by moment, where builds one after the other do not (on a shared
// 2-core machine the same build's CPU time moves by ±15 % from one minute
// to the next).
// Run: npm run build && node dist/bench/transformer/run.js [--rounds N] [--files N] [--one-pass-only] [--shapes 10,100] [--side-by-side]
// (--one-pass-only: the plain builds and the two one-pass builds; --files: a smaller project, for a loaded machine;
// --shapes: which percentages of decorated files).
import { spawn } from "node:child_process";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cacheFile } from "../../compiler/output/cache.js";
import { ROOT, useGeneratedFiles, writeSyntheticProject } from "../synthetic.js";
import { median } from "../stats.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    files: { type: "string", default: "1000" },
    "one-pass-only": { type: "boolean", default: false },
    shapes: { type: "string", default: "10,100" },
    "side-by-side": { type: "boolean", default: false },
  },
});
const SIDE_BY_SIDE = values["side-by-side"];
const ROUNDS = Number(values.rounds);
const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");
const FILES = Number(values.files);
const METHODS_PER_FILE = 10;

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
  /** The plugin's own time (analysis and files), as it reports it with MIZAN_TIMING; 0 without it. */
  own: number;
  /** The process's CPU time (all threads) over the plugin's work, as it reports it; 0 without it. */
  ownCpu: number;
}

interface Shape {
  name: string;
  decorated: number;
}

const SHAPES: Shape[] = values.shapes.split(",").map((percent) => ({
  name: `${FILES.toLocaleString("en")} files, ${percent} % decorated`,
  decorated: (FILES * Number(percent)) / 100,
}));

type Build = "without" | "again" | "unchanged" | "rendering" | "onePass" | "onePassChanged";
const BUILDS: Build[] = values["one-pass-only"]
  ? ["without", "again", "onePass", "onePassChanged"]
  : ["without", "again", "unchanged", "rendering", "onePass", "onePassChanged"];

/** The project, with tsconfig.json (plugin on) and tsconfig.plain.json (plugin off), resolving mizan as an install would. */
function prepare(shape: Shape): { configs: Record<Build, string>; record: string; dir: string } {
  const dir = join(ROOT, "bench/out", `transformer-${shape.decorated}`);
  const withPlugin = writeSyntheticProject({ dir, files: FILES, decoratedFiles: shape.decorated, methodsPerFile: METHODS_PER_FILE });
  const without = join(dir, "tsconfig.plain.json");
  writeFileSync(without, JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [] } }, null, 2));
  const onePass = join(dir, "tsconfig.onepass.json");
  writeFileSync(
    onePass,
    JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [{ transform: "mizan-gen/transformer", transformProgram: true, out: "generated" }] } }, null, 2),
  );
  useGeneratedFiles(dir);
  // Where the transformer records its last render (transformer/generated.ts).
  const record = cacheFile(dir, `transformer\u0000${dir}/generated`);
  return { configs: { without, again: without, unchanged: withPlugin, rendering: withPlugin, onePass, onePassChanged: onePass }, record, dir };
}

let measured = 0;

async function measure(tsconfig: string): Promise<Sample> {
  const report = join(ROOT, `bench/out/transformer-time-${measured++ % 2}.txt`);
  const child = spawn("/usr/bin/time", ["-o", report, "-f", "%e %U %S %M", process.execPath, TSPC, "-p", tsconfig], {
    env: { ...process.env, MIZAN_TIMING: "1" },
  });
  let output = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (status !== 0) throw new Error(`tspc -p ${tsconfig} failed:\n${output}${stderr}`);
  const [wall, user, system, rssKb] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  const own = /analysed in (\d+) ms, files \w+ in (\d+) ms/.exec(stderr);
  const ownCpu = /process CPU (\d+) ms over the plugin's work/.exec(stderr);
  // One pass, API changed: making the program again is the plugin's work too.
  const remade = /program made again with the generated files in (\d+) ms/.exec(stderr);
  if ((!own || !ownCpu) && !tsconfig.endsWith("plain.json")) throw new Error(`tspc -p ${tsconfig} printed no MIZAN_TIMING lines:\n${stderr}`);
  return {
    wall: wall!,
    cpu: user! + system!,
    rssMb: rssKb! / 1024,
    own: own ? (Number(own[1]) + Number(own[2]) + Number(remade?.[1] ?? 0)) / 1000 : 0,
    ownCpu: ownCpu ? Number(ownCpu[1]) / 1000 : 0,
  };
}

// The header first and each shape's rows as soon as they are measured: a
// run stopped during the 100 % shape keeps the 10 % one.
const order = SIDE_BY_SIDE ? "each build run beside a plain build (its tspc column)" : "order rotated each round";
console.log(`${ROUNDS} rounds per shape, ${order}. Times and RSS: medians; ratios: medians of each round's ratio. ${METHODS_PER_FILE} methods per decorated file.\n`);
console.log(
  "| project | build with the plugin | tspc | tspc + Mizan | wall ratio | CPU ratio | plugin's own time | 1 + own / tspc | " +
    "plugin's CPU | 1 + plugin CPU / rest | peak RSS | peak RSS + Mizan | RSS ratio |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const shape of SHAPES) {
  const { configs, record, dir } = prepare(shape);
  const prepareBuild = (build: Build) => {
    if (build === "rendering") rmSync(record, { force: true });
    if (build === "onePassChanged") for (const name of ["routes.ts", "client.ts"]) appendFileSync(join(dir, "generated", name), "// stale\n");
  };
  const run = (build: Build): Promise<Sample> => {
    prepareBuild(build);
    return measure(configs[build]);
  };
  // The first render of the generated files (one pass: the plain build needs
  // them), and a warm-up of the page cache. Processes share no other state.
  for (const build of ["onePass", "without"] as const) await run(build);
  const samples: Record<Build, Sample[]> = { without: [], again: [], unchanged: [], rendering: [], onePass: [], onePassChanged: [] };
  // Each build's plain build to compare with: the same round's, or (side by side) the one run beside it.
  const baselines: Record<Build, Sample[]> = { without: [], again: [], unchanged: [], rendering: [], onePass: [], onePassChanged: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < BUILDS.length; i++) {
      const build = BUILDS[(round + i) % BUILDS.length]!;
      if (!SIDE_BY_SIDE) samples[build].push(await run(build));
      else if (build !== "without") {
        prepareBuild(build);
        const [plain, sample] = await Promise.all([measure(configs.without), measure(configs[build])]);
        samples.without.push(plain);
        baselines[build].push(plain);
        samples[build].push(sample);
      }
    }
    if (!SIDE_BY_SIDE) for (const build of BUILDS) baselines[build].push(samples.without[round]!);
    process.stderr.write(`${shape.name}: round ${round + 1}/${ROUNDS}\n`);
  }
  const m = (build: Build, key: keyof Sample) => median(samples[build].map((s) => s[key]));
  // Each round's builds run back to back: the ratio within a round is less
  // exposed to the machine's load drifting than a ratio of medians.
  const ratio = (build: Build, key: keyof Sample) =>
    median(samples[build].map((s, round) => s[key] / baselines[build][round]![key])).toFixed(3);
  // The plugin's own time over the same round's plain build: what it adds, without the noise of two whole processes.
  const ownRatio = (build: Build) =>
    median(samples[build].map((s, round) => 1 + s.own / baselines[build][round]!.wall)).toFixed(3);
  // The plugin's CPU over its own process's CPU less that CPU: the process's load inflates both alike.
  const cpuShare = (build: Build) => median(samples[build].map((s) => 1 + s.ownCpu / (s.cpu - s.ownCpu))).toFixed(3);
  const labels = {
    again: "none: plain tspc again (A/A, the machine's noise)",
    unchanged: "API unchanged",
    rendering: "API changed (renders)",
    onePass: "one pass, API unchanged",
    onePassChanged: "one pass, API changed (files written, program made again)",
  };
  for (const build of BUILDS) {
    if (build === "without") continue;
    const label = labels[build];
    console.log(
      `| ${shape.name} | ${label} | ${median(baselines[build].map((s) => s.wall)).toFixed(2)} s | ${m(build, "wall").toFixed(2)} s | **${ratio(build, "wall")}×** | ` +
        `${ratio(build, "cpu")}× | ${m(build, "own").toFixed(2)} s | **${ownRatio(build)}×** | ` +
        `${m(build, "ownCpu").toFixed(2)} s | **${cpuShare(build)}×** | ` +
        `${median(baselines[build].map((s) => s.rssMb)).toFixed(0)} MB | ${m(build, "rssMb").toFixed(0)} MB | **${ratio(build, "rssMb")}×** |`,
    );
  }
}
