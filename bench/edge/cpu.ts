// CPU time of a process and its descendants, from /proc (Linux): what a
// server spent, whatever the wall clock did meanwhile.
import { readFileSync, readdirSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function own(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(" ").map(Number));
    }
  } catch {
    // Gone already.
  }
  return out;
}

/** CPU ms (user + system) of `pid` and every process under it. */
export function treeCpuMs(pid: number): number {
  return own(pid) + children(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
}
