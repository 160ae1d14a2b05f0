// The diagnostics page lists every code of the catalog with its problem and
// fix, as the catalog has them, and every message template.
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

test("docs/diagnostics.md lists every message template of the catalog", () => {
  const page = readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8");
  const listed = /## Messages\n[\s\S]*?```text\n([\s\S]*?)```/.exec(page)?.[1];
  const templates = Object.entries(CATALOG).flatMap(([code, entry]) =>
    Object.entries(entry.messages).map(([name, template]) => `${code} ${name}: ${template}\n`),
  );
  assert.is(listed, templates.join(""));
});

// diagnostic()'s type counts `{0}`, `{1}` … in order and stops at a gap, so
// a template skipping a number would silently take too few arguments.
test("every template numbers its placeholders from 0 without a gap", () => {
  for (const [code, entry] of Object.entries(CATALOG)) {
    for (const [name, template] of Object.entries(entry.messages)) {
      const used = new Set([...template.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
      assert.equal([...used].sort((a, b) => a - b), [...used.keys()].map((_, i) => i), `${code} ${name}`);
    }
  }
});

test.run();
