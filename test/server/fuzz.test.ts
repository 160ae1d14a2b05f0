// A CI-sized run of the hostile-request fuzz (fuzz-requests.ts; the full
// size is bench/server/fuzz.ts): FUZZ_SEED and FUZZ_COUNT override the seed
// and the size.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fuzz } from "./fuzz-requests.js";
import { closeAgent } from "./helpers.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const COUNT = Number(process.env.FUZZ_COUNT ?? 12_000);

test.after(() => closeAgent());

test(`${COUNT} malformed requests: no 5xx, the error shape on every 4xx, onError never called`, async () => {
  const { statuses, aborted, failures, serverErrors } = await fuzz(COUNT, SEED);
  console.log(`seed ${SEED}: ${aborted} aborted uploads, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  assert.equal(failures.slice(0, 5), [], `${failures.length} failures`);
  assert.equal(serverErrors.slice(0, 3).map(String), [], `onError was called ${serverErrors.length} times`);
  // The generator reached every kind of refusal, so the run tested what it claims.
  for (const status of [400, 401, 403, 404, 405, 413, 415]) assert.ok((statuses.get(status) ?? 0) > 0, `no ${status} among ${JSON.stringify([...statuses])}`);
  assert.ok(aborted > COUNT / 100, `${aborted} aborted uploads`);
  assert.is([...statuses.values()].reduce((a, b) => a + b, 0) + aborted, COUNT);
});

test.run();
