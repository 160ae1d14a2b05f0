// No import loop between folders: each folder of compiler/, templates/,
// transformer/ and runtime/ can be read knowing only the folders it imports.
// Imports are read from the sources (relative specifiers of import and
// export statements, `import type` included), folders form a graph, and any
// cycle is printed.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../support/compiler.js";

const ROOTS = ["compiler", "templates", "transformer", "runtime"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "dist" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Folder → the folders its files import (relative to the repository). */
export function folderGraph(files: readonly { path: string; text: string }[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { path, text } of files) {
    const from = dirname(path);
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^"'`;]*?(?:from\s*)?["'](\.{1,2}\/[^"']+)["']/gm)) {
      const to = dirname(join(from, specifier!));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** A cycle of folders, as `a → b → a`, or undefined when there is none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node].join(" → ");
    state.set(node, "open");
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

test("findCycle prints a loop between folders, and nothing for a tree", () => {
  const files = [
    { path: "a/x.ts", text: 'import { y } from "../b/y.js";' },
    { path: "b/y.ts", text: 'export { z } from "./c/z.js";' },
    { path: "b/c/z.ts", text: 'import type { x } from "../../a/x.js";\nimport "./w.js";' },
  ];
  assert.is(findCycle(folderGraph(files)), "a → b → b/c → a");
  assert.is(findCycle(folderGraph(files.slice(0, 2))), undefined);
});

test("no import loop between the folders of compiler/, templates/, transformer/ and runtime/", () => {
  const files = ROOTS.flatMap((root) => sourceFiles(join(ROOT, root))).map((file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, "utf8"),
  }));
  assert.ok(files.length > 100, `read ${files.length} files`);
  assert.is(findCycle(folderGraph(files)), undefined);
});

test.run();
