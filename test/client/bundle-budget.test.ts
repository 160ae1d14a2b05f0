// The size budgets of bench/bundle (mizan/client with every export within
// 2 KB gzipped, mizan/react's hooks within 1 KB), measured the benchmark's
// way: a change that outgrows one fails here, not only in the next run of
// the benchmark. Deterministic (bytes, not time).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ENTRIES, measure } from "../../bench/bundle/measure.js";

for (const entry of ENTRIES.filter((e) => e.budget !== undefined)) {
  test(`${entry.name}: within ${entry.budget} bytes gzipped`, async () => {
    const { gzip } = await measure(entry);
    assert.ok(gzip <= entry.budget!, `${gzip} bytes, over the budget of ${entry.budget} (BENCHMARKS.md, Bundle size)`);
  });
}

test.run();
