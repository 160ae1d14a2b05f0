// Timing inside a test, for ratios measured in the same run (absolute times mean little on shared machines).
import { performance } from "node:perf_hooks";

/** The fastest of `rounds` runs, in ms: the run least disturbed by the rest of the machine. */
export function fastest(run: () => unknown, rounds = 11): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
