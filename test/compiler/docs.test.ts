// The diagnostics page lists every code of the catalog with its problem and
// fix, as the catalog has them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CATALOG } from "../../compiler/diagnostics/catalog.js";
import { ROOT } from "../support/compiler.js";

test("docs/diagnostics.md has a row for every code, as the catalog words it", () => {
  const page = readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8");
  const rows = new Map(
    [...page.matchAll(/^\| (MZ\d{4}) \| (.+?) \| (.+) \|$/gm)].map((m) => [m[1]!, { title: m[2]!, hint: m[3]! }]),
  );
  for (const [code, entry] of Object.entries(CATALOG)) {
    const row = rows.get(code);
    assert.ok(row, `${code} is missing`);
    assert.is(row.title.replace(/\\\|/g, "|"), entry.title, code);
    assert.is(row.hint.replace(/\\\|/g, "|"), entry.hint, code);
  }
  assert.equal([...rows.keys()].filter((code) => !(code in CATALOG)), [], "no retired code listed as live");
});

test.run();
