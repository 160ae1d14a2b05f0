// Where the declaration snapshot lives, and whether one may be used. Light on
// purpose: mizan-gen asks before it loads TypeScript.
//
// The snapshot is a V8 startup snapshot (node --build-snapshot) of a process
// that has loaded TypeScript and parsed the declaration files under
// node_modules that the last cold run read: the TypeScript lib files,
// @types/node and the like, 2–10 MB of text that every cold run otherwise
// parses again. Starting from it takes about 0.2 s of CPU where loading
// TypeScript and parsing those files takes about 1 s.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** What the snapshot's contents mean; a change makes every older snapshot unused. */
export const SNAPSHOT_FORMAT = 3;

/** The environment variable naming the fd a process started from a snapshot writes one byte to once it runs. */
export const STARTED_FD = "MIZAN_SNAPSHOT_STARTED_FD";

const INSPECTOR = /(?:^|\s)--(?:inspect|debug)/;

export interface SnapshotPaths {
  /** The snapshot itself. */
  blob: string;
  /** Held while a snapshot is being built, so that one is built at a time. */
  lock: string;
  /** The files the next snapshot is to hold. */
  job: string;
  /** The typescript.js the snapshot loads, as mizan-gen resolves it. */
  typescript: string;
}

/**
 * The snapshot's files, or undefined when none may be used or built:
 * MIZAN_SNAPSHOT=0 (1 builds one in CI too; report is 1, and each cold run
 * prints what the snapshot did), under a debugger, and on a Node that
 * cannot `require` an ES module (before 20.19): the process started from a
 * snapshot loads mizan-gen's modules that way, having no ES loader of its own.
 */
export function snapshotPaths(): SnapshotPaths | undefined {
  if (process.env.MIZAN_SNAPSHOT === "0" || !(process.features as { require_module?: boolean }).require_module) return undefined;
  // Under a debugger the work must stay in this process, and a build must not start another inspector.
  if (INSPECTOR.test(`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`)) return undefined;
  try {
    const typescript = typescriptFile();
    const stat = statSync(typescript);
    // Beside V8's code cache of typescript.js (host/typescript.ts), or MIZAN_SNAPSHOT_DIR.
    const dir = process.env.MIZAN_SNAPSHOT_DIR || typescriptCacheDir(typescript);
    // A new TypeScript (its file's size or mtime), Node, format or V8 flags is a new snapshot: V8 refuses a snapshot made under other flags.
    const flags = createHash("sha256").update(`${snapshotFlags().join("\0")}\0${process.env.NODE_OPTIONS ?? ""}`).digest("hex").slice(0, 12);
    const name = `declarations-${SNAPSHOT_FORMAT}-${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${flags}`;
    return { blob: join(dir, `${name}.blob`), lock: join(dir, `${name}.lock`), job: join(dir, `${name}.job.json`), typescript };
  } catch {
    return undefined;
  }
}

let resolved: string | undefined;

/** typescript.js as mizan-gen resolves it: its own TypeScript 6, which the project's 6.x may be. */
export function typescriptFile(): string {
  return (resolved ??= createRequire(import.meta.url).resolve("typescript"));
}

/** node_modules/.cache/mizan of the node_modules folder holding typescript. */
export function typescriptCacheDir(typescript: string): string {
  return join(dirname(dirname(dirname(typescript))), ".cache/mizan");
}

/**
 * V8 flags of a process started from the snapshot, and so of the one that
 * builds it (V8 starts only from a snapshot made under the same flags). Such
 * a run is short, and V8's default tiering spends more on TurboFan compiles
 * (on its other threads) than a run of a second gets back: a function must
 * run four times as much bytecode as by default (67,584 bytes) before it is
 * considered. Measured on the dense projects (BENCHMARKS.md, Compiler,
 * eleventh session): 1,000 methods 10–14 % less wall time and 20–24 % less
 * CPU, 10,000 methods the same wall time and 5–8 % less CPU.
 *
 * And one hash seed for the build and the run, so that the snapshot's hash
 * tables (TypeScript's symbol tables are Maps) are used as they were built
 * instead of rehashed at every start: 20 ms of a 0.2 s start (BENCHMARKS.md,
 * Compiler, twelfth session). A random seed guards a server's tables against
 * keys chosen to collide; here the keys are the project's own declarations.
 *
 * And an old generation that starts at 256 MB: V8 sized it from the
 * deserialized heap (75 MB on a 1,000-method project) and ran a full
 * collection a third of the way into a run that keeps nearly everything it
 * allocates: 4 % of the wall time and 7 % of the CPU there; the same at
 * 10,000 methods (whose heap passes 256 MB), and the same peak memory.
 */
export const RUN_FLAGS: readonly string[] = ["--interrupt-budget=270336", "--hash-seed=1831", "--no-rehash-snapshot", "--initial-old-space-size=256"];

/** The flags a process started from the snapshot gets, and its build: Mizan's own, then the process's. */
export function snapshotFlags(): string[] {
  return [...RUN_FLAGS, ...ownFlags()];
}

/** The process's Node flags, without the snapshot a process started from one was given, nor RUN_FLAGS. */
function ownFlags(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--snapshot-blob") i++;
    else if (!argv[i]!.startsWith("--snapshot-blob=") && !RUN_FLAGS.includes(argv[i]!)) flags.push(argv[i]!);
  }
  return flags;
}

/** Whether a process is running (a snapshot builder named by its lock or its temporary files). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
