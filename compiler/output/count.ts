// Counts and durations in what the CLI and the plugin print: `1 file`, `2 files`, `350 ms`, `1.20 s`.
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The time since `started` (a performance.now() reading). */
export function elapsed(started: number): string {
  const ms = performance.now() - started;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
