// Counts in what the CLI and the plugin print: `1 file`, `2 files`.
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
