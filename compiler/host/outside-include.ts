// Files outside the tsconfig's `include` that included files import: tsc
// compiles them, so mizan-gen reads them too. For a file that is not parsed,
// its import specifiers are found by a cheap text search and resolved as tsc
// would.
import type * as TS from "typescript";
import { ts } from "./typescript.js";
import { starMatch } from "../paths/pattern.js";
import { normalizePosix } from "../paths/posix.js";
import { redirectToSource, withOutputs, type ReferencedSources } from "../input/reference-sources.js";

/** `from "x"`, `import "x"`, `import("x")`, `require("x")`: specifiers found by text, without parsing. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"'\n]+)["']/g;

/**
 * A function giving, for a file that is not parsed, the project files it
 * imports that lie outside the tsconfig's file list (each at most once).
 * Packages (node_modules) and declaration files are left out.
 */
export function outsideIncludeFollower(
  options: TS.CompilerOptions,
  projectDir: string,
  roots: ReadonlySet<string>,
  sources: ReferencedSources,
  /** Told of each import of a workspace package that resolves to its built declarations (validate/built-package.ts). */
  onDeclarations?: (declaration: string, importer: string) => void,
): (file: string, text: string) => string[] {
  const cache = ts.createModuleResolutionCache(projectDir, (name) => name, options);
  const resolutionHost = withOutputs(ts.sys, sources);
  const seen = new Set<string>();
  const aliases = Object.keys(options.paths ?? {});
  /** Folder and package name → what that folder's node_modules holds under the name. */
  const installed = new Map<string, "workspace" | "package" | "none">();
  /**
   * Resolving every package import of a project costs seconds; only those
   * that can lead to project code are resolved: `paths` aliases, `#`
   * subpath imports (package.json `imports`), and
   * packages whose nearest folder in node_modules is a link to a folder
   * outside any node_modules (a workspace package).
   */
  const mayBeProjectCode = (specifier: string, fromDir: string): boolean => {
    // A package.json `imports` entry (`#app/*`) maps onto the package's own files.
    if (specifier.startsWith("#")) return true;
    if (aliases.some((pattern) => starMatch(pattern, specifier) !== undefined)) return true;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
    for (let dir = fromDir; dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
      const key = `${dir}\u0000${name}`;
      let kind = installed.get(key);
      if (kind === undefined) {
        const folder = `${dir}/node_modules/${name}`;
        kind = !ts.sys.directoryExists(folder)
          ? "none"
          : normalizePosix(ts.sys.realpath?.(folder) ?? folder).includes("/node_modules/") ? "package" : "workspace";
        installed.set(key, kind);
      }
      if (kind !== "none") return kind === "workspace";
    }
    return false;
  };
  return (file, text) => {
    const found: string[] = [];
    const included = roots.has(normalizePosix(file));
    const fromDir = normalizePosix(file).slice(0, normalizePosix(file).lastIndexOf("/"));
    // An ES module's imports take a package's `import` condition, a CommonJS file's `require` (node16,
    // nodenext): found once a specifier needs resolving.
    let mode: TS.ResolutionMode | null = null;
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if ((included && specifier.startsWith("./") && siblingIncluded(fromDir, specifier, roots)) || specifier.startsWith("node:")) continue;
      if (!specifier.startsWith(".") && !specifier.startsWith("/") && !mayBeProjectCode(specifier, fromDir)) continue;
      // A referenced project's built declarations are read from its source (reference-sources.ts).
      if (mode === null) mode = ts.getImpliedNodeFormatForFile(file as TS.Path, cache.getPackageJsonInfoCache(), ts.sys, options);
      const resolved = redirectToSource(ts, ts.resolveModuleName(specifier, file, options, resolutionHost, cache, undefined, mode), sources).resolvedModule;
      // Packages are left out, but not a workspace package's sources (linked into node_modules, living outside it).
      const target = resolved && normalizePosix(resolved.resolvedFileName);
      if (!target || target.includes("/node_modules/")) continue;
      if (/\.d\.[mc]?ts$/.test(target)) {
        onDeclarations?.(target, normalizePosix(file));
        continue;
      }
      if (roots.has(target) || seen.has(target)) continue;
      seen.add(target);
      found.push(target);
    }
    return found;
  };
}

const SOURCE_ENDINGS = [".ts", ".tsx", ".mts", ".cts", "/index.ts", "/index.tsx"];

/**
 * Whether a sibling import (`./x`, `./x.js`) names an included file, which
 * the program has anyway: most do, and need no resolution. Not when the
 * tsconfig lists `files` or a narrow `include` (the sibling is then resolved
 * and followed, as tsc follows it).
 */
function siblingIncluded(fromDir: string, specifier: string, roots: ReadonlySet<string>): boolean {
  const path = `${fromDir}/${specifier.slice(2)}`;
  const base = path.replace(/\.[mc]?[jt]sx?$/, "");
  return roots.has(path) || SOURCE_ENDINGS.some((ending) => roots.has(base + ending));
}
