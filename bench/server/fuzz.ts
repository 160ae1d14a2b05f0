// The full-size hostile-request fuzz: FUZZ_COUNT (default 120,000) malformed
// requests, deep nesting, long numbers and aborted uploads included, against
// the shop, server-cases and type-zoo route tables (test/server/fuzz-requests.ts).
// Prints the statuses and exits 1 on any 5xx, any answer outside the error
// shape, or any onError call.
//   node dist/bench/server/fuzz.js   (FUZZ_SEED, FUZZ_COUNT)
import { fuzz } from "../../test/server/fuzz-requests.js";
import { closeAgent } from "../../test/server/helpers.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const COUNT = Number(process.env.FUZZ_COUNT ?? 120_000);

const started = performance.now();
const { statuses, aborted, resets, failures, serverErrors } = await fuzz(COUNT, SEED);
closeAgent();
const seconds = (performance.now() - started) / 1000;
const fivexx = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
console.log(`${COUNT} requests (seed ${SEED}) in ${seconds.toFixed(0)} s: ${aborted} aborted uploads, ${resets} sent again after a keep-alive reset`);
console.log(`statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
console.log(`5xx: ${fivexx}; outside the rules: ${failures.length}; onError calls: ${serverErrors.length}`);
for (const failure of failures.slice(0, 10)) console.log(`  ${failure}`);
for (const error of serverErrors.slice(0, 5)) console.log("  onError:", error);
process.exitCode = fivexx === 0 && failures.length === 0 && serverErrors.length === 0 ? 0 : 1;
