// Runs a cold mizan-gen in a process started from the declaration snapshot,
// when there is one: the command is run again there (same arguments, same
// terminal) and this process exits with its status. A snapshot the process
// cannot start from is deleted, and the run goes on here without it.
import { spawn } from "node:child_process";
import { readFileSync, realpathSync, rmSync, statSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { snapshotFlags, snapshotPaths, STARTED_FD } from "./paths.js";
import { snapshotState } from "./state.js";

const MAIN = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The exit status of the run in the snapshot's process (0 or 1), or undefined to run here. */
export function runInSnapshot(): Promise<number | undefined> {
  // Already the snapshot's process, or mizan-gen's run() called by other code than its CLI.
  if (snapshotState() !== undefined || !isMain(process.argv[1])) return Promise.resolve(undefined);
  const paths = snapshotPaths();
  const inode = paths === undefined ? undefined : wholeSnapshot(paths.blob);
  if (paths === undefined || inode === undefined) return Promise.resolve(undefined);
  try {
    // Used now: the newest snapshots are kept (runner.ts), so those in use stay.
    const now = new Date();
    utimesSync(paths.blob, now, now);
  } catch {
    // A read-only cache: kept as it is.
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...snapshotFlags(), "--snapshot-blob", paths.blob, MAIN, ...process.argv.slice(2)], {
      // fd 3: the snapshot's main function writes one byte there once it runs (builder.cts).
      stdio: ["inherit", "inherit", "pipe", "pipe"],
      env: { ...process.env, [STARTED_FD]: "3" },
    });
    let started = false;
    // The run's stderr is passed on, but what Node or V8 print before it starts (a damaged
    // snapshot fails V8's checksum with a fatal-error dump) is held, and dropped if it never does.
    const held: Buffer[] = [];
    const passOn = () => {
      for (const chunk of held.splice(0)) process.stderr.write(chunk);
    };
    child.stdio[3]!.on("data", () => {
      started = true;
      passOn();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      held.push(chunk);
      if (started) passOn();
    });
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (status: number | undefined) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(status);
    };
    child.on("error", () => done(undefined));
    child.on("close", (code, signal) => {
      if (started) passOn();
      if (code === 0 || code === 1) return done(code);
      // Stopped as asked: this process stops the same way, its handlers gone.
      if (signal !== null && (FORWARDED as readonly string[]).includes(signal)) {
        for (const forwarded of FORWARDED) process.off(forwarded, forward);
        return void process.kill(process.pid, signal);
      }
      // The run itself failed (out of memory): what it printed stands, and it is not run twice.
      if (started) return done(1);
      // The process could not start from the snapshot: run here, without it.
      drop(paths.blob, inode);
      done(undefined);
    });
  });
}

/**
 * The snapshot's inode when it is the whole file its build wrote (runner.ts
 * records its size and inode beside it): Node aborts with an assertion on a
 * partial one. The record naming another inode is a rebuild putting its
 * snapshot in place (the record is written just before the rename), or a
 * copied cache: not used, and not deleted; this run's parses ask for a new one.
 */
function wholeSnapshot(blob: string): number | undefined {
  let inode: number;
  try {
    const stat = statSync(blob);
    const [size, recorded] = readFileSync(`${blob}.size`, "utf8").split(" ").map(Number);
    if (recorded !== stat.ino) return undefined;
    if (size === stat.size) return stat.ino;
    inode = stat.ino;
  } catch {
    return undefined;
  }
  drop(blob, inode);
  return undefined;
}

/** Deletes the snapshot unless another has taken its place meanwhile. */
function drop(blob: string, inode: number): void {
  try {
    if (statSync(blob).ino !== inode) return;
    rmSync(blob, { force: true });
    rmSync(`${blob}.size`, { force: true });
  } catch {
    // Gone, or not ours to delete (a read-only cache): left, and every run goes on without it.
  }
}

function isMain(path: string | undefined): boolean {
  try {
    return path !== undefined && realpathSync(path) === realpathSync(MAIN);
  } catch {
    return false;
  }
}
