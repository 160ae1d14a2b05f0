// The detached process that builds a declaration snapshot: runs
// `node --build-snapshot builder.cjs job` at low priority into a temporary
// file, puts it in place (a reader never sees half a snapshot), keeps the
// three newest snapshots and releases the lock. What builds killed on the
// way left (their temporary files) goes first.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { basename, dirname, join } from "node:path";
import { running } from "./paths.js";

interface Order {
  blob: string;
  lock: string;
  job: string;
  builder: string;
  flags: string[];
}

const order = JSON.parse(process.argv[2]!) as Order;
const temporary = `${order.blob}.${process.pid}`;
const entry = `${order.blob}.${process.pid}.cjs`;
try {
  removeAbandoned(dirname(order.blob));
  try {
    setPriority(19);
  } catch {
    // Not allowed here: built at normal priority.
  }
  // The builder's CommonJS emit needs an `exports`, which a snapshot's entry script is not given.
  writeFileSync(entry, `var exports = {};\n${readFileSync(order.builder, "utf8")}`);
  const built = spawnSync(process.execPath, [...order.flags, "--snapshot-blob", temporary, "--build-snapshot", entry, order.job], { stdio: "ignore" });
  if (built.status === 0) {
    // Its size and inode (a rename keeps it) first: a snapshot its record does not describe is never used (launch.ts).
    const { size, ino } = statSync(temporary);
    writeFileSync(`${order.blob}.size`, `${size} ${ino}`);
    renameSync(temporary, order.blob);
    rmSync(`${order.blob}.failed`, { force: true });
  }
  // A build that fails (memory, a Node that cannot build snapshots) is not tried again by every cold run: see files.ts.
  else writeFileSync(`${order.blob}.failed`, `${built.status ?? built.signal}\n`);
  pruneOld(dirname(order.blob), basename(order.blob));
} finally {
  rmSync(temporary, { force: true });
  rmSync(entry, { force: true });
  rmSync(order.job, { force: true });
  rmSync(order.lock, { force: true });
}

/** Snapshots of other TypeScript or Node versions or flags: the three used last (launch.ts touches one it uses) are kept. */
function pruneOld(dir: string, current: string): void {
  const others = readdirSync(dir)
    .filter((name) => name.startsWith("declarations-") && name.endsWith(".blob") && name !== current)
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(2)) {
    rmSync(join(dir, old.name), { force: true });
    rmSync(join(dir, `${old.name}.size`), { force: true });
  }
}

/** The temporary files of builds killed on the way (their process gone): a partial snapshot of 20–50 MB each. */
function removeAbandoned(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /^declarations-.*\.blob\.(\d+)(?:\.cjs)?$/.exec(name)?.[1];
    if (pid !== undefined && !running(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}
