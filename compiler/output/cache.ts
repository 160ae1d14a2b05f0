// The warm path of mizan-gen: a record of every input of the last good run
// (the tsconfig chain, every root file, every file of the program, the
// folders they sit in) with content hashes (stat stamps under node_modules:
// inputStamp; the default libraries and the package.json of each package a
// file came from too), and the hashes of the files it generated. When
// nothing has changed, a run reads and hashes files, writes nothing, and
// never loads TypeScript. A folder's mtime changes when a file is added to
// or removed from it, which is how new files are noticed.
// Module resolution is an input too: every node_modules folder above the
// project's files (an install or a removal changes its mtime; one that does
// not exist yet is recorded as absent), the package.json files on the way up
// ("type", "imports") and the installed mizan's package.json.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export interface CacheRecord {
  /** Mizan's version and the run's settings: a change means a full run. */
  key: string;
  outDir: string;
  inputs: Record<string, string>;
  folders: Record<string, number>;
  outputs: Record<string, string>;
  /** What the run found, printed again by a warm run. */
  summary: string;
  /** The run's warnings as printed (MZ6006), printed again by a warm run. */
  warnings?: string[];
}

const require = createRequire(import.meta.url);

/**
 * What the generator itself is: Mizan's and TypeScript's versions, and the
 * newest mtime of Mizan's built compiler and templates (a rebuilt generator
 * of the same version, as when working on Mizan, must not answer from a
 * record the old one made). Read once per process: the code a process has
 * loaded does not change under it, and a tspc --watch asks on every rebuild.
 */
let generator: string | undefined;

export function generatorVersion(): string {
  return (generator ??= readGeneratorVersion());
}

function readGeneratorVersion(): string {
  const versions = [fileURLToPath(new URL("../../../package.json", import.meta.url)), require.resolve("typescript/package.json")]
    .map((path) => JSON.parse(readFileSync(path, "utf8")).version as string)
    .join("+");
  const built = ["../../compiler", "../../templates"].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));
  return `${versions}+${Math.max(...built.map(newestMtime))}`;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function hashText(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("base64url");
}

function hashFile(path: string): string | undefined {
  try {
    return hashText(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * What an input is recorded as: its content hash, or for a file under
 * node_modules (TypeScript's libs, @types/node: megabytes that only an
 * install or a patch changes) its size, mtime, ctime and inode, as the
 * declaration snapshot reuses a parse (a write changes the ctime even when
 * the size and mtime are put back; a reinstalled package is new inodes).
 */
function inputStamp(path: string): string | undefined {
  if (!path.includes("/node_modules/")) return hashFile(path);
  try {
    const stat = statSync(path);
    return stat.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a record is for, which names its file: the tsconfig and --out. The
 * generator's version is in the record's key instead, so that an upgrade or
 * a rebuild of Mizan replaces the record rather than leaving it behind.
 */
export function recordSlot(tsconfig: string, out: string | undefined): string {
  return `${tsconfig}\u0000${out ?? ""}`;
}

export function cacheKey(tsconfig: string, out: string | undefined): string {
  return `${generatorVersion()}\u0000${recordSlot(tsconfig, out)}`;
}

/** The record file of a slot: in `node_modules/.cache/mizan` of the nearest node_modules above the project, else the temp folder. */
export function cacheFile(projectDir: string, slot: string): string {
  let dir = projectDir;
  let base = join(tmpdir(), "mizan-cache");
  for (;;) {
    if (existsSync(join(dir, "node_modules"))) {
      base = join(dir, "node_modules/.cache/mizan");
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(base, `${hashText(slot)}.json`);
}

/** A JSON record written by writeRecord, or undefined when it is missing or unreadable. */
export function readRecord<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

export function readCache(file: string, key: string): CacheRecord | undefined {
  const record = readRecord<CacheRecord>(file);
  return record?.key === key ? record : undefined;
}

/** Do the generated files on disk still hash to what was written? */
export function outputsMatch(outDir: string, outputs: Record<string, string>): boolean {
  for (const [name, hash] of Object.entries(outputs)) if (hashFile(join(outDir, name)) !== hash) return false;
  return true;
}

/** The mtime recorded for a folder that did not exist: it must still not exist. */
const ABSENT = -1;

/** Is every input, folder and generated file exactly as the record has it? */
export function isFresh(record: CacheRecord): boolean {
  for (const [folder, mtime] of Object.entries(record.folders)) {
    try {
      if (statSync(folder).mtimeMs !== mtime) return false;
    } catch {
      if (mtime !== ABSENT) return false;
    }
  }
  for (const [path, stamp] of Object.entries(record.inputs)) if (inputStamp(path) !== stamp) return false;
  return outputsMatch(record.outDir, record.outputs);
}

export function makeRecord(
  key: string,
  projectDir: string,
  outDir: string,
  inputs: readonly string[],
  outputs: readonly { name: string; text: string }[],
  summary: string,
  /** Folders where a new file would be an input (the tsconfig's `include`), whether or not one holds an input yet. */
  included: readonly string[] = [],
): CacheRecord {
  const record: CacheRecord = { key, outDir, inputs: {}, folders: {}, outputs: {}, summary };
  const addFolder = (folder: string): void => {
    if (folder in record.folders) return;
    record.folders[folder] = statSync(folder).mtimeMs;
    // A new sub-folder shows in its parent's mtime; watch up to the project.
    if (folder.startsWith(projectDir + "/")) addFolder(dirname(folder));
  };
  const sourceFolders = new Set<string>();
  const packages = new Set<string>();
  for (const path of [...new Set(inputs)].sort()) {
    const stamp = inputStamp(path);
    if (stamp === undefined) continue; // a file that is not on disk
    record.inputs[path] = stamp;
    addFolder(dirname(path));
    const manifest = packageManifest(path);
    if (manifest === undefined) sourceFolders.add(dirname(path));
    else packages.add(manifest);
  }
  // The package.json of each package a file came from: its "types", "exports" or "typesVersions" chose the file.
  for (const manifest of packages) {
    const stamp = inputStamp(manifest);
    if (stamp !== undefined) record.inputs[manifest] = stamp;
  }
  for (const folder of included) {
    try {
      addFolder(folder);
    } catch {
      // Removed since the run read it: the next run is cold anyway.
    }
  }
  addResolution(record, sourceFolders);
  for (const file of outputs) record.outputs[file.name] = hashText(file.text);
  return record;
}

/** node_modules/pkg/package.json (or @scope/pkg) of a file inside that package; undefined outside node_modules. */
function packageManifest(path: string): string | undefined {
  const at = path.lastIndexOf("/node_modules/");
  if (at < 0) return undefined;
  const start = at + "/node_modules/".length;
  const segments = path.slice(start).split("/");
  const name = segments[0]!.startsWith("@") ? segments.slice(0, 2).join("/") : segments[0]!;
  return `${path.slice(0, start)}${name}/package.json`;
}

/** What module resolution reads above the source folders (see the head of this file). */
function addResolution(record: CacheRecord, sourceFolders: ReadonlySet<string>): void {
  const seen = new Set<string>();
  for (const start of sourceFolders) {
    for (let dir = start; !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      const modules = join(dir, "node_modules");
      if (!(modules in record.folders)) {
        try {
          record.folders[modules] = statSync(modules).mtimeMs;
        } catch {
          record.folders[modules] = ABSENT;
        }
      }
      for (const manifest of [join(dir, "package.json"), join(modules, "mizan/package.json")]) {
        const stamp = inputStamp(manifest);
        if (stamp !== undefined) record.inputs[manifest] = stamp;
      }
      if (dirname(dir) === dir) break;
    }
  }
}

/**
 * Creates the record's folder before the record is made: creating
 * node_modules/.cache changes node_modules' mtime, which the record holds.
 */
export function prepareRecordFolder(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch {
    // writeRecord will fail the same way, and only costs the next run its shortcut.
  }
}

/** Written whole (a temporary file renamed over it): two runs at once never leave half a record. */
export function writeRecord(file: string, record: object): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  } catch {
    // A record that cannot be written only costs the next run its shortcut.
  }
}

export function dropCache(file: string): void {
  rmSync(file, { force: true });
}
