// Runs a cold mizan-gen in a process started from the declaration snapshot,
// when there is one: the command is run again there (same arguments, same
// terminal) and this process exits with its status. A snapshot the process
// cannot start from is deleted, and the run goes on here without it.
import { spawn } from "node:child_process";
import { existsSync, realpathSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ownFlags, snapshotPaths } from "./paths.js";
import { snapshotState } from "./state.js";

const MAIN = fileURLToPath(new URL("../cli/main.js", import.meta.url));
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The exit status of the run in the snapshot's process (0 or 1), or undefined to run here. */
export function runInSnapshot(): Promise<number | undefined> {
  // Already the snapshot's process, or mizan-gen's run() called by other code than its CLI.
  if (snapshotState() !== undefined || !isMain(process.argv[1])) return Promise.resolve(undefined);
  const paths = snapshotPaths();
  if (paths === undefined || !existsSync(paths.blob)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...ownFlags(), "--snapshot-blob", paths.blob, MAIN, ...process.argv.slice(2)], { stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (status: number | undefined) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(status);
    };
    child.on("error", () => done(undefined));
    child.on("exit", (code, signal) => {
      if (code === 0 || code === 1) return done(code);
      // Stopped as asked: this process stops the same way, its handlers gone.
      if (signal !== null && (FORWARDED as readonly string[]).includes(signal)) {
        for (const forwarded of FORWARDED) process.off(forwarded, forward);
        return void process.kill(process.pid, signal);
      }
      rmSync(paths.blob, { force: true });
      done(undefined);
    });
  });
}

function isMain(path: string | undefined): boolean {
  try {
    return path !== undefined && realpathSync(path) === realpathSync(MAIN);
  } catch {
    return false;
  }
}
