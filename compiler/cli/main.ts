#!/usr/bin/env node
// mizan-gen [--project tsconfig.json] [--out DIR] [--check] [--watch] [--version] [--help]
// Writes DIR/manifest.json, DIR/routes.ts and DIR/client.ts from the
// project's @client declarations. Prints every diagnostic and exits 1 on
// any error, writing nothing. --check writes nothing and exits 1 when a
// generated file is stale. Bad arguments, or no tsconfig, exit 2.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { MAX_DIFF_LINES } from "./diff.js";
import { run } from "./run.js";

const USAGE = "usage: mizan-gen [--project tsconfig.json] [--out DIR] [--check] [--watch] [--version] [--help]";

const HELP = `${USAGE}

Reads the @client declarations of a TypeScript project and writes routes.ts
(the server's route table), client.ts (typed client stubs) and manifest.json.
Settings (out, basePath, identityParams, client) are read from the
"mizan-gen/transformer" entry of compilerOptions.plugins in the tsconfig.

  -p, --project PATH  the server project's tsconfig, or a folder holding
                      tsconfig.json (default: ./tsconfig.json)
      --out DIR       folder of the generated files, relative to the current
                      folder; overrides the tsconfig's "out" (default there:
                      "generated", relative to the tsconfig)
      --check         write nothing; exit 1 and print a unified diff (at most
                      ${MAX_DIFF_LINES} lines) when a generated file is stale or missing
      --watch         regenerate on every change until stopped (not with --check)
  -v, --version       print mizan-gen's version
  -h, --help          print this help

Exit codes: 0 done (or up to date), 1 diagnostics or stale files (nothing is
written after an error), 2 bad arguments or no tsconfig.
Diagnostics and their fixes: docs/diagnostics.md in the mizan-gen package
(node_modules/mizan-gen/docs/diagnostics.md).`;

function fail(message: string): never {
  console.error(`mizan-gen: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The tsconfig `--project` names: a file, or tsconfig.json in a folder (as tsc reads it). */
function tsconfigPath(project: string): string {
  const path = resolve(project);
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "tsconfig.json") : path;
  if (existsSync(file)) return file;
  const where = project === "tsconfig.json" ? `no tsconfig.json in ${process.cwd()}` : `${file} does not exist`;
  fail(`${where}. Run mizan-gen in the folder of the server project's tsconfig, or pass --project path/to/tsconfig.json`);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        project: { type: "string", short: "p", default: "tsconfig.json" },
        out: { type: "string" },
        check: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        version: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    console.log(HELP);
    return;
  }
  if (parsed.version) {
    console.log(`mizan-gen ${version()}`);
    return;
  }
  if (parsed.check && parsed.watch) fail("--check and --watch do not go together");
  // As --help says, relative to the current folder (the tsconfig's "out" is relative to the tsconfig).
  const out = parsed.out === undefined ? undefined : resolve(parsed.out).replaceAll("\\", "/");
  const options = { project: tsconfigPath(parsed.project!), out, check: parsed.check! };
  if (parsed.watch) {
    import("./watch.js").then(
      ({ watch }) => watch(options),
      (error: Error) => {
        console.error(`mizan-gen: ${error.message}`);
        process.exit(1);
      },
    );
    return;
  }
  run(options).then(
    (ok) => exitWhenWritten(ok ? 0 : 1),
    (error: Error) => {
      console.error(`mizan-gen: ${error.message}`);
      exitWhenWritten(1);
    },
  );
}

/**
 * Exits once stdout and stderr hold nothing unwritten. Writes to a pipe are
 * asynchronous, and process.exit() drops what is still queued: thousands of
 * diagnostics piped into `less` or a CI log, or relayed from the snapshot's
 * process (launch.ts), were cut off.
 */
function exitWhenWritten(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || !stream.writable || stream.writableLength === 0) done();
    else stream.write("", done);
  }
}

main();
