// Purge racing 64 concurrent fills on MemoryCache (see race.ts): 10k seeded
// iterations with 0 stale reads, and 10k more with the fills made after the
// answer (as over node:http); with the generation check switched off, the
// same schedule serves stale data.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MemoryCache } from "mizan/cache";
import { UNSAFE_SKIP_GENERATION_CHECK } from "../../runtime/cache/unsafe.js";
import { SECRET } from "./app.js";
import { purgeRace } from "./race.js";

test("10k iterations of a purge racing 64 fills: 0 stale reads", async () => {
  const cache = new MemoryCache({ secret: SECRET });
  const result = await purgeRace(cache, { seed: 1, iterations: 10_000, maxTurns: 12, macro: false });
  console.log(JSON.stringify(result));
  assert.is(result.iterations, 10_000);
  assert.is(result.stale, 0);
  assert.ok(result.refused > 0, "some fills were refused: they raced the purge");
});

test("the same with fills made after the answer, as over node:http: 0 stale reads", async () => {
  const cache = new MemoryCache({ secret: SECRET });
  // Event-loop turns (macro), in which the fills made after the answer land.
  const result = await purgeRace(cache, { seed: 2, iterations: 10_000, maxTurns: 12, macro: true, afterAnswer: true });
  console.log(JSON.stringify(result));
  assert.is(result.stale, 0);
  assert.ok(result.refused > 0, "some fills were refused: they raced the purge");
});

test("the same race with the generation check disabled serves stale reads", async () => {
  const cache = new MemoryCache({ secret: SECRET, [UNSAFE_SKIP_GENERATION_CHECK]: true });
  const result = await purgeRace(cache, { seed: 1, iterations: 200, maxTurns: 12, macro: false, changeAfterReads: true });
  console.log(JSON.stringify(result));
  assert.ok(result.stale > 0, `stale reads: ${result.stale}`);
});

test.run();
