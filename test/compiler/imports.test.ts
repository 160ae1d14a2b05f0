// Dependency rules, checked on the built JavaScript: the compiler core and
// the templates never import typescript (the hosts hand them a `ts`), no
// runtime entry reaches typescript or prettier, and the
// build plugins do not load zod.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../support/compiler.js";

const DIST = join(ROOT, "dist");

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith(".js") ? [path] : [];
  });
}

/**
 * Every module specifier a built file imports, statically (a statement at
 * the start of a line, not text in a template) or dynamically.
 */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
}

const FORBIDDEN_IN_CORE = ["typescript"];

test("the compiler core and templates never import typescript", () => {
  const core = [
    ...["input", "scan", "analyze", "validate", "link", "naming", "ir", "diagnostics", "client-check", "paths"].flatMap((d) =>
      jsFiles(join(DIST, "compiler", d)),
    ),
    join(DIST, "compiler/core.js"),
    join(DIST, "compiler/generate.js"),
    ...jsFiles(join(DIST, "templates")),
  ];
  assert.ok(core.length > 20, "found the core's files");
  const offenders = core.flatMap((file) =>
    specifiers(file).filter((s) => FORBIDDEN_IN_CORE.some((f) => s === f || s.startsWith(`${f}/`))).map((s) => `${relative(DIST, file)} → ${s}`),
  );
  assert.equal(offenders, []);
});

/** Follows relative and `mizan/...` imports from an entry; returns every bare package reached. */
function reachablePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const s of specifiers(file)) {
      if (s.startsWith(".")) visit(resolve(dirname(file), s));
      else if (s === "mizan" || s.startsWith("mizan/")) visit(join(DIST, "runtime", s.slice(6) || ".", "index.js"));
      else packages.add(s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!);
    }
  };
  visit(entry);
  return packages;
}

test("no runtime entry reaches typescript or prettier", () => {
  for (const entry of ["index", "protocol/index", "server/index", "client/index", "react/index", "cache/index", "edge/index"]) {
    const file = join(DIST, "runtime", `${entry}.js`);
    assert.ok(existsSync(file), entry);
    const reached = [...reachablePackages(file)];
    for (const forbidden of ["typescript", "prettier"]) {
      assert.not.ok(reached.includes(forbidden), `${entry} reaches ${forbidden}`);
    }
  }
});

test("the client path stays free of zod", () => {
  assert.not.ok(reachablePackages(join(DIST, "runtime/client/index.js")).has("zod"));
});

test("the transformer and esbuild plugin do not load zod (it would cost every build a fifth of a second)", () => {
  for (const entry of ["transformer/index.js", "transformer/esbuild.js"]) {
    assert.not.ok(reachablePackages(join(DIST, entry)).has("zod"), entry);
  }
});

test.run();
