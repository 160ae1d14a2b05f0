// test/run.mjs as a contributor uses it: filters written as source paths,
// a filter that matches nothing, and the Chromium the browser tests need.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../support/compiler.js";

function runner(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, "test/run.mjs"), "--no-build", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

test("a filter may be the source path of a test file", () => {
  const run = runner("test/protocol/header.test.ts");
  assert.is(run.status, 0, run.output);
  assert.equal([...run.output.matchAll(/^# (\S+\.test\.js)$/gm)].map((m) => m[1]), ["protocol/header.test.js"]);
  assert.match(run.output, /^\d+ passed, 0 failed$/m);
});

test("a filter that matches no test file says so, and fails", () => {
  const run = runner("test/no-such-thing.test.ts");
  assert.is(run.status, 1);
  assert.match(run.output, 'no test file matches "no-such-thing.test.js"');
  assert.match(run.output, /^0 passed, 1 failed$/m);
});

test("a missing Chromium is named, with the command that installs it", () => {
  const result = spawnSync(process.execPath, [join(ROOT, "dist/test/react/hooks.test.js")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, MIZAN_CHROMIUM: "/nonexistent/chromium" },
  });
  assert.match(result.stderr, "Chromium not found at /nonexistent/chromium; run `bash .ci/install-system.sh`");
});

test.run();
