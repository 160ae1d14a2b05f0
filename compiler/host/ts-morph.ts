// mizan-gen's host: loads the project with ts-morph (which bundles its own
// TypeScript) and hands the core that `ts` and the program. Only the files
// that can matter are parsed: those whose text could declare something
// (see scan's `mayDeclare`), declaration files, files that augment modules
// or globals, and client files, plus whatever they import. The rest of a
// large project is never parsed. Files outside the tsconfig's `include` that
// included files import are compiled by tsc, so they are read too: the
// import specifiers of the files that are not parsed are found by a cheap
// text search and resolved as tsc would. In watch mode the same Project is
// kept and only changed files are refreshed, so the next program reuses the rest.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Project, ts } from "ts-morph";
import type { CoreInput, TypeScript } from "../input/core-input.js";
import { projectRelative } from "../scan/location.js";
import { globMatcher } from "../paths/glob.js";
import { findPluginConfig, resolveOptions, type PluginConfig } from "../input/options.js";
import { normalizePosix } from "../paths/posix.js";
import { mayDeclare } from "../scan/scan.js";

export interface LoadedProject {
  project: Project;
  tsconfig: string;
  projectDir: string;
  config: PluginConfig;
  /** The tsconfig and the configs it extends. */
  configFiles: string[];
  /** The files the tsconfig includes (the program holds only those that can matter, and their imports). */
  rootFiles: string[];
  /** Should this file be in the program? (Also asked about files that appear later, in watch mode.) */
  wanted(path: string): boolean;
  /** Reads the tsconfig's file list again (watch mode: files were added or removed). */
  listRootFiles(): string[];
}

/** A file that declares globals or augments a module affects files that never import it. */
export const AUGMENTS = /\bdeclare\s+(?:global|module)\b/;

function parseConfig(tsconfig: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`cannot read ${tsconfig}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  return parsed;
}

export function loadProject(tsconfigPath: string): LoadedProject {
  const tsconfig = normalizePosix(resolve(tsconfigPath));
  const projectDir = tsconfig.slice(0, tsconfig.lastIndexOf("/"));
  const parsed = parseConfig(tsconfig);
  const config = findPluginConfig(parsed.options);
  const isClient = globMatcher(config.client ?? []);
  /** The file's text when it need not be parsed (to follow its imports), or true when it must be. */
  const examine = (path: string): string | boolean => {
    if (/\.d\.[mc]?ts$/.test(path) || isClient(projectRelative(projectDir, path))) return true;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return false;
    }
    return mayDeclare(text) || AUGMENTS.test(text) || text;
  };
  const wanted = (path: string): boolean => examine(path) === true;
  const project = new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true });
  const roots = new Set(parsed.fileNames.map(normalizePosix));
  const followImports = outsideIncludeFollower(parsed.options, projectDir, roots);
  const pending: string[] = [];
  for (const file of parsed.fileNames) {
    const found = examine(file);
    if (found === true) project.addSourceFileAtPath(file);
    else if (typeof found === "string") pending.push(...followImports(file, found));
  }
  // Files outside `include`: parsed when they may declare (their own imports
  // are then resolved by ts-morph), else followed in turn.
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const found = examine(file);
    if (found === true) project.addSourceFileAtPath(file);
    else if (typeof found === "string") pending.push(...followImports(file, found));
  }
  project.resolveSourceFileDependencies();
  const extended = (parsed.options.configFile as { extendedSourceFiles?: string[] } | undefined)?.extendedSourceFiles ?? [];
  const listRootFiles = () => parseConfig(tsconfig).fileNames;
  return { project, tsconfig, projectDir, config, configFiles: [tsconfig, ...extended], rootFiles: parsed.fileNames, wanted, listRootFiles };
}

/** `from "x"`, `import "x"`, `import("x")`, `require("x")`: specifiers found by text, without parsing. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"'\n]+)["']/g;

/**
 * A function giving, for a file that is not parsed, the project files it
 * imports that lie outside the tsconfig's file list (each at most once).
 * Packages (node_modules) and declaration files are left out.
 */
function outsideIncludeFollower(
  options: ts.CompilerOptions,
  projectDir: string,
  roots: ReadonlySet<string>,
): (file: string, text: string) => string[] {
  // A sibling ("./x") of an included file is in its folder, which the include covers (exclude patterns aside).
  const cache = ts.createModuleResolutionCache(projectDir, (name) => name, options);
  const seen = new Set<string>();
  const aliases = Object.keys(options.paths ?? {}).map((pattern) => pattern.split("*"));
  /** Folder and package name → what that folder's node_modules holds under the name. */
  const installed = new Map<string, "workspace" | "package" | "none">();
  /**
   * Resolving every package import of a project costs seconds; only those
   * that can lead to project code are resolved: `paths` aliases, and
   * packages whose nearest folder in node_modules is a link to a folder
   * outside any node_modules (a workspace package).
   */
  const mayBeProjectCode = (specifier: string, fromDir: string): boolean => {
    if (aliases.some(([prefix, suffix]) => (suffix === undefined ? specifier === prefix : specifier.startsWith(prefix!) && specifier.endsWith(suffix)))) return true;
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
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if ((included && specifier.startsWith("./")) || specifier.startsWith("node:")) continue;
      if (!specifier.startsWith(".") && !specifier.startsWith("/") && !mayBeProjectCode(specifier, fromDir)) continue;
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
      // Packages are left out, but not a workspace package's sources (linked into node_modules, living outside it).
      const target = resolved && normalizePosix(resolved.resolvedFileName);
      if (!target || target.includes("/node_modules/") || /\.d\.[mc]?ts$/.test(target)) continue;
      if (roots.has(target) || seen.has(target)) continue;
      seen.add(target);
      found.push(target);
    }
    return found;
  };
}

export function coreInput(
  loaded: Pick<LoadedProject, "project" | "projectDir" | "config">,
  overrides: { out?: string },
): CoreInput {
  return {
    ts: ts as unknown as TypeScript,
    program: loaded.project.getProgram().compilerObject,
    projectDir: loaded.projectDir,
    options: resolveOptions(loaded.projectDir, loaded.config, overrides),
  };
}
