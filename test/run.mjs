// Builds the project (tsc over the runtime package, then over everything; a
// type error counts as one failure, and the tests still run on what tsc
// emitted), then runs every compiled test file (dist/test/**/*.test.js) in its
// own Node process, so a service or a crash in one cannot disturb another, and
// ends with one line: `N passed, N failed`. Exit code 1 on any failure.
// Usage: node test/run.mjs [--no-build] [filter ...]
// A filter is a substring of a test file's path, written either way:
// `server/call`, `test/server/call.test.ts` or `dist/test/server/call.test.js`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("../dist/test/", import.meta.url).pathname;
const args = process.argv.slice(2);
const filters = args.filter((a) => a !== "--no-build").map((filter) => normalizeFilter(filter));

let buildFailed = 0;
if (!args.includes("--no-build")) {
  const tsc = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
  // The runtime first: the tests load it as the installed package `mizan` (runtime/dist).
  for (const project of ["runtime/tsconfig.json", "tsconfig.json"]) {
    console.log(`# build: tsc -p ${project}`);
    const build = spawnSync(process.execPath, [tsc, "-p", new URL(`../${project}`, import.meta.url).pathname], { stdio: "inherit" });
    if (build.status !== 0) {
      console.log("# build: tsc reported errors (counted as one failure)");
      buildFailed = 1;
    }
  }
}

/** `test/server/call.test.ts` → `server/call.test.js`: filters match the compiled paths. */
function normalizeFilter(filter) {
  return filter
    .replace(/^(?:\.\/)?(?:dist\/)?test\//, "")
    .replace(/\.tsx?$/, ".js");
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".test.js") ? [path] : [];
  });
}

const files = walk(root)
  .filter((file) => filters.length === 0 || filters.some((f) => relative(root, file).includes(f)))
  .sort();

/** A file still running this long after uvu's summary left a handle open (a server a failed test did not close). */
const EXIT_GRACE_MS = 30_000;
/** No file takes this long; one that does is stopped, so a hang cannot eat CI's whole budget. */
const FILE_TIMEOUT_MS = Number(process.env.MIZAN_TEST_FILE_TIMEOUT_MS ?? 20 * 60_000);

function run(file) {
  return new Promise((resolve) => {
    // Each file's temporary projects, packs and service folders go under one folder of its own,
    // deleted when it passes (kept, and named, when it fails): runs do not pile up in /tmp.
    const scratch = mkdtempSync(join(tmpdir(), "mizan-test-"));
    // mizan-gen's declaration snapshot is neither used nor built unless a test asks (test/compiler/snapshot.test.ts).
    const env = { ...process.env, TMPDIR: scratch, MIZAN_SNAPSHOT: process.env.MIZAN_SNAPSHOT ?? "0" };
    const child = spawn(process.execPath, ["--enable-source-maps", file], { stdio: ["ignore", "pipe", "pipe"], env });
    let output = "";
    let stopped = "";
    const stop = (why) => {
      stopped = why;
      child.kill("SIGKILL");
    };
    const timeout = setTimeout(() => stop(`still running after ${FILE_TIMEOUT_MS / 1000} s`), FILE_TIMEOUT_MS);
    let grace;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
      if (grace === undefined && /Duration:/.test(output)) {
        grace = setTimeout(() => stop(`did not exit ${EXIT_GRACE_MS / 1000} s after its summary (an open handle)`), EXIT_GRACE_MS);
      }
    });
    child.stderr.on("data", (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on("close", (code) => {
      clearTimeout(timeout);
      clearTimeout(grace);
      // A stopped file counts one failure beside what its summary says.
      const extra = stopped ? 1 : 0;
      if (stopped) console.log(`  stopped: ${stopped}`);
      const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
      const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
      const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
      const failed = total - passed - skipped;
      const result =
        Number.isNaN(total) || Number.isNaN(passed)
          ? // The file died before uvu could report: count it as one failure.
            { file, passed: 0, failed: 1 }
          : { file, passed, failed: (failed > 0 || code === 0 || stopped ? failed : 1) + extra };
      if (result.failed > 0) console.log(`  temporary files kept in ${scratch}`);
      else rmSync(scratch, { recursive: true, force: true });
      resolve(result);
    });
  });
}

let passed = 0;
let failed = buildFailed;
const failures = buildFailed ? ["the build (tsc)"] : [];
for (const file of files) {
  console.log(`\n# ${relative(root, file)}`);
  const result = await run(file);
  passed += result.passed;
  failed += result.failed;
  if (result.failed > 0) failures.push(relative(root, file));
}
if (failures.length > 0) console.log(`\nFailing files:\n  ${failures.join("\n  ")}`);
if (files.length === 0) {
  console.log(
    filters.length > 0
      ? `no test file matches ${filters.map((f) => JSON.stringify(f)).join(" or ")} (a filter is part of a path under test/, e.g. server/call)`
      : "no test files found under dist/test (did the build run?)",
  );
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
