// The lib side of the check: the options without the DOM libraries, the
// global names those libraries declare (the set D), and what walking the
// remaining lib files reaches. Both depend only on TypeScript's lib files
// and the lib settings, and cost most of the check (reading 2.3 MB of
// lib.dom.d.ts, walking the es libs), so they are kept in
// node_modules/.cache/mizan/lib-globals, beside V8's code cache of
// typescript.js.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type * as TS from "typescript";
import { generatorVersion, hashText, readRecord, writeRecord } from "../output/cache.js";
import { cacheDir, ts } from "./typescript.js";
import { IMPLICIT_IMPORT_META, NameClosure } from "./lean-closure.js";
import { declaredNames, globalBlock } from "./lean-syntax.js";

export const DOM_LIB = /^lib\.dom(?:\.[a-z]+)*\.d\.ts$/;
/** What a default (`.full`) lib holds besides its es lib and the DOM libraries. */
const HOST_LIBS = ["lib.scripthost.d.ts", "lib.webworker.importscripts.d.ts"];
/** A top-level declaration of a lib file: they start at column 0 (the lib files are generated). */
const LIB_DECLARATION = /^(?:declare\s+)?(?:var|let|const|function|interface|type|namespace|module|class|enum)\s+([A-Za-z_$][\w$]*)/gm;
const LIB_REFERENCE = /^\/\/\/\s*<reference\s+lib="([^"]+)"/gm;

export interface LeanOptions {
  /** The options without the DOM libraries. */
  options: TS.CompilerOptions;
  /** The lib files the full options name and the lean ones do not (file names, as in `options.lib`). */
  removed: string[];
}

/** Options without the DOM libraries, or undefined when there are none to leave out. */
export function leanLibOptions(options: TS.CompilerOptions): LeanOptions | undefined {
  // With libReplacement, a lib may come from a package (@typescript/lib-dom) that D, read from TypeScript's own files, does not describe.
  if (options.noLib || options.libReplacement) return undefined;
  let lib = options.lib;
  let removed: string[];
  if (lib) {
    removed = lib.filter((name) => DOM_LIB.test(name));
    lib = lib.filter((name) => !DOM_LIB.test(name));
  } else {
    // No `lib`: the target's default, lib.esXXXX.full.d.ts, is lib.esXXXX.d.ts plus the DOM and host
    // libraries. The host ones stay: they name no DOM global, and lib.scripthost.d.ts adds to `Date`.
    const full = ts.getDefaultLibFileName(options);
    if (!full.endsWith(".full.d.ts")) return undefined;
    removed = [full];
    lib = [full.replace(".full.d.ts", ".d.ts"), ...HOST_LIBS];
  }
  if (removed.length === 0) return undefined;
  return { options: { ...options, lib }, removed };
}

export interface LibGlobals {
  /** D: the globals the removed libraries declare, and `globalThis`. */
  dom: ReadonlySet<string>;
  /** The global names the kept lib files reach (the checker may evaluate any of them by itself). */
  reached: readonly string[];
  /** Why the kept libs alone rule the lean program out, if they do. */
  conflict?: string;
}

/** D and the kept libs' closure, from the cache or computed (and cached). */
export function libGlobals(options: TS.CompilerOptions, libs: readonly TS.SourceFile[], removed: readonly string[]): LibGlobals {
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const kept = libs.map((file) => file.fileName.slice(file.fileName.lastIndexOf("/") + 1)).sort();
  // Mizan's version and build (the walk's own rules) and TypeScript's.
  const key = hashText(JSON.stringify([generatorVersion(), libDir, kept, [...removed].sort()]));
  const path = join(cacheDir, "lib-globals", `${key}.json`);
  // Not cached yet, unreadable or of another shape: computed below.
  const saved = readRecord<{ dom?: unknown; reached?: unknown; conflict?: string } | null>(path);
  if (saved && isNames(saved.dom) && saved.dom.length > 0 && isNames(saved.reached)) return { dom: new Set(saved.dom), reached: saved.reached, conflict: saved.conflict };
  const dom = removedGlobals(libDir, removed, new Set(kept));
  const closure = new NameClosure(dom, new Map(), () => undefined);
  let conflict: string | undefined;
  for (const lib of libs) {
    // A lib that is a module (lib.es2025.iterator.d.ts) declares its globals in `declare global { … }`.
    const statements = lib.statements.flatMap((statement) => globalBlock(statement) ?? [statement]);
    for (const statement of statements) {
      for (const name of declaredNames(statement)) {
        if (!dom.has(name)) closure.reachName(name);
        // Declared by both: reached only through the one construct known to look it up.
        else if (name !== IMPLICIT_IMPORT_META) conflict ??= `${name} declared in ${lib.fileName}`;
      }
    }
    closure.push({ node: lib, file: lib });
  }
  conflict ??= closure.run();
  const result = { dom: [...dom], reached: [...closure.reachedNames], ...(conflict ? { conflict } : {}) };
  // Not writable: the next run computes it again.
  writeRecord(path, result);
  return { ...result, dom };
}

function isNames(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((name) => typeof name === "string");
}

/**
 * The global names declared by the removed lib files and the lib files only
 * they reference (`/// <reference lib>`), found in their text without
 * parsing them. `kept`: the base names of the lib files of the lean program.
 */
function removedGlobals(libDir: string, removed: readonly string[], kept: ReadonlySet<string>): Set<string> {
  const names = new Set<string>(["globalThis"]);
  const seen = new Set<string>();
  const pending = [...removed];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file) || kept.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(libDir, file), "latin1");
    for (const match of text.matchAll(LIB_REFERENCE)) pending.push(`lib.${match[1]!.toLowerCase()}.d.ts`);
    for (const match of text.matchAll(LIB_DECLARATION)) names.add(match[1]!);
  }
  return names;
}
