// TypeScript 6 (mizan-gen's own dependency, shared with the project when the
// project's is a 6.x too), loaded with require and with V8's code cache.
//
// - An ES `import` of it costs about a second of CPU before any work:
//   typescript.js is a 9 MB CommonJS file whose package.json has no "type",
//   so Node's ES loader parses it once to detect its format and twice more
//   to find its export names. require does neither.
// - Compiling those 9 MB, and later the parser's, binder's and checker's
//   functions, costs about as much again on every run. V8 can keep the
//   compiled code: Node 22 does it with module.enableCompileCache; on older
//   Node the file is compiled here with the cached data of the last run
//   (node_modules/.cache/mizan, beside the run records). V8 checks the data
//   against the source and its own version and flags, and compiles afresh
//   when they differ; any failure falls back to a plain require.
import { isAscii } from "node:buffer";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import vm from "node:vm";
import type * as TS from "typescript";
import { typescriptCacheDir, typescriptFile } from "../snapshot/paths.js";
import { usableState } from "../snapshot/state.js";

type Typescript = typeof TS;

const require = createRequire(import.meta.url);
const file = typescriptFile();
/** node_modules/.cache/mizan of the node_modules folder holding typescript. */
export const cacheDir = typescriptCacheDir(file);

/**
 * A process started from the declaration snapshot (compiler/snapshot) has
 * TypeScript loaded already, used when it is this typescript.js.
 */
export const ts: Typescript = usableState()?.ts ?? withCompilerApi(load());

/** TypeScript 7 has no JavaScript compiler API: say so, rather than fail on the first missing function. */
function withCompilerApi(loaded: Typescript): Typescript {
  if (typeof loaded.createProgram === "function") return loaded;
  const version = (JSON.parse(readFileSync(join(dirname(dirname(file)), "package.json"), "utf8")) as { version?: string }).version;
  throw new Error(
    `TypeScript 6's compiler API is needed, and the typescript found (${version ?? "unknown version"}, ${dirname(dirname(file))}) has none (7.x has no JavaScript API). ` +
      "mizan-gen depends on typescript@6 for it: an override or a forced install (--force, --legacy-peer-deps) replaced that copy; reinstall mizan-gen without them.",
  );
}

function load(): Typescript {
  const enable = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (enable) {
    enable(cacheDir);
    return require(file) as Typescript;
  }
  try {
    return loadWithCodeCache();
  } catch {
    return require(file) as Typescript;
  }
}

/**
 * The file's text. typescript.js is ASCII: read as latin1 it is the same
 * string, without the UTF-8 decoding of 9 MB (about 0.1 s of CPU).
 */
function readSource(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

function loadWithCodeCache(): Typescript {
  const source = readSource(file);
  const version = (JSON.parse(readFileSync(join(dirname(dirname(file)), "package.json"), "utf8")) as { version: string }).version;
  const data = join(cacheDir, `typescript-${version}-${process.version}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(data);
  } catch {
    // First run: compiled afresh, and the data is written at exit.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  (module as { paths?: string[] }).paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  // Not put in require.cache: Node 20's ES loader asserts on a CommonJS
  // module it did not load itself (an ES import of typescript elsewhere in
  // the process, as the bundler plugins make, loads its own copy).
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit the data also holds the functions compiled during the run (parser, binder, checker).
    process.once("exit", () => {
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${data}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, data);
      } catch {
        // Not writable: every run compiles afresh, as without the cache.
      }
    });
  }
  return module.exports as Typescript;
}
