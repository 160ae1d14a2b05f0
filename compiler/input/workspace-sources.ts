// Workspace packages whose package.json points at declarations their own
// tsconfig builds, with no `references` to them: Turborepo's "compiled
// packages" (`"types": "./dist/index.d.ts", "default": "./src/index.ts"`,
// a tsconfig with `declaration` and an `outDir`). TypeScript resolves an
// import of one to its built declarations, where decorators are erased, or,
// before the package is built, to its source: so what Mizan found would
// depend on whether `dist/` exists. Such a package is read from its source
// as a referenced project is (reference-sources.ts), built or not.
//
// Only the packages the project declares as dependencies (and theirs, in
// turn) are looked at, each at the nearest node_modules that holds it: a
// link to a folder outside any node_modules, with a tsconfig.json of its
// own. MZ6007 warns of one imported without being declared.
import type * as TS from "typescript";
import { normalizePosix } from "../paths/posix.js";
import { referencedSources, type ReferencedSources } from "./reference-sources.js";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;
/** A package name (`pkg`, `@scope/pkg`): nothing else is looked for under node_modules (`../x` would leave it). */
const PACKAGE_NAME = /^(?:@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-][\w.~-]*$/i;
/** Mizan's own packages, linked from a checkout of Mizan: read as published, never from their sources. */
const OWN = new Set(["mizan", "mizan-gen"]);

/**
 * Output declaration file → source, for the workspace packages `projectDir`'s
 * package depends on; and the files that decided it (package.json files and
 * the packages' tsconfigs: a change of one can change what is found).
 */
export function workspaceSources(
  ts: typeof TS,
  projectDir: string,
  parse: (tsconfig: string) => TS.ParsedCommandLine | undefined,
): { sources: ReferencedSources; files: string[] } {
  const own = nearestManifest(ts, projectDir);
  if (own === undefined) return { sources: new Map(), files: [] };
  const files = [`${own.dir}/package.json`];
  const seen = new Set<string>([own.dir]);
  const tsconfigs: TS.ProjectReference[] = [];
  const pending = [own];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const name of dependencyNames(next.json).filter((name) => PACKAGE_NAME.test(name) && !OWN.has(name))) {
      const dir = linkedPackage(ts, next.dir, name);
      if (dir === undefined || seen.has(dir)) continue;
      seen.add(dir);
      const manifest = readJson(ts, `${dir}/package.json`);
      if (manifest !== undefined) pending.push({ dir, json: manifest });
      files.push(`${dir}/package.json`);
      if (!ts.sys.fileExists(`${dir}/tsconfig.json`)) continue;
      tsconfigs.push({ path: `${dir}/tsconfig.json` });
      files.push(`${dir}/tsconfig.json`);
    }
  }
  return { sources: referencedSources(ts, tsconfigs, parse), files };
}

/** The references' sources and the workspace packages', one map (a package that is both maps the same). */
export function projectSources(references: ReferencedSources, workspace: ReferencedSources): ReferencedSources {
  if (workspace.size === 0) return references;
  if (references.size === 0) return workspace;
  return new Map([...workspace, ...references]);
}

/**
 * The nearest package.json at or above `from`: its folder and contents. None
 * when that one does not parse: as for Node, the search ends at it.
 */
export function nearestManifest(ts: typeof TS, from: string): { dir: string; json: Record<string, unknown> } | undefined {
  for (let dir = from; dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const path = `${dir}/package.json`;
    if (!ts.sys.fileExists(path)) continue;
    const json = readJson(ts, path);
    return json === undefined ? undefined : { dir, json };
  }
  return undefined;
}

function dependencyNames(json: Record<string, unknown>): string[] {
  return DEPENDENCY_FIELDS.flatMap((field) => {
    const deps = json[field];
    return deps !== null && typeof deps === "object" ? Object.keys(deps) : [];
  });
}

/** The folder of package `name` as Node would find it from `from`, when it is a link to a folder outside any node_modules. */
function linkedPackage(ts: typeof TS, from: string, name: string): string | undefined {
  for (let dir = from; dir.includes("/"); dir = dir.slice(0, dir.lastIndexOf("/"))) {
    const folder = `${dir}/node_modules/${name}`;
    if (!ts.sys.directoryExists(folder)) continue;
    const real = normalizePosix(ts.sys.realpath?.(folder) ?? folder);
    return real.includes("/node_modules/") ? undefined : real;
  }
  return undefined;
}

function readJson(ts: typeof TS, path: string): Record<string, unknown> | undefined {
  const text = ts.sys.readFile(path);
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as unknown;
    return json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
