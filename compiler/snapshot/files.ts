// The declaration snapshot from inside mizan-gen: the compiler host asks it
// for each file before parsing one, and a cold run that parsed declaration
// files afresh asks for a new snapshot holding them, built in the background.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as TS from "typescript";
import { running, snapshotFlags, SNAPSHOT_FORMAT, snapshotPaths } from "./paths.js";
import { preparedKey, usableState, type FileRequest, type PreparedFile } from "./state.js";

/** Declaration files under node_modules: what the snapshot holds (a project's own change too often). */
const ELIGIBLE = /[\\/]node_modules[\\/].*\.d\.[cm]?ts$/;
/** A snapshot holds at most this much source text (a blob is about 8 times the text; starting from 50 MB costs 0.25 s of CPU). */
const MAX_TEXT = 16 * 1024 * 1024;
/** A lock older than this was left by a build that died (one naming a builder no longer running is free at once). */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** A failed build is tried again after this long. */
const RETRY_FAILED_MS = 24 * 60 * 60 * 1000;

let prepared: Map<string, PreparedFile> | undefined;
/** The eligible files this process asked for, for the next snapshot. */
const asked = new Map<string, FileRequest>();
let parsedAfresh = 0;
let reused = 0;

function preparedFiles(): Map<string, PreparedFile> {
  // Only when this process uses the snapshot's TypeScript (host/typescript.ts): its syntax trees are that module's.
  prepared ??= new Map((usableState()?.files ?? []).map((entry) => [preparedKey(entry.request), entry]));
  return prepared;
}

function unchanged(entry: PreparedFile): boolean {
  try {
    const stat = statSync(entry.request.fileName);
    return stat.size === entry.size && stat.mtimeMs === entry.mtimeMs && stat.ctimeMs === entry.ctimeMs && stat.ino === entry.ino;
  } catch {
    return false;
  }
}

/**
 * The snapshot's parse of a declaration file, when it holds one made with
 * the same options and the file has not changed since; undefined otherwise
 * (the host then parses it).
 */
export function preparedSourceFile(fileName: string, options: TS.ScriptTarget | TS.CreateSourceFileOptions): TS.SourceFile | undefined {
  if (!ELIGIBLE.test(fileName)) return undefined;
  const request: FileRequest =
    typeof options === "object"
      ? { fileName, languageVersion: options.languageVersion, impliedNodeFormat: options.impliedNodeFormat, jsDocParsingMode: options.jsDocParsingMode }
      : { fileName, languageVersion: options, impliedNodeFormat: undefined, jsDocParsingMode: undefined };
  const key = preparedKey(request);
  asked.set(key, request);
  const entry = preparedFiles().get(key);
  if (entry !== undefined && unchanged(entry) && sameModuleKind(entry.file, options)) {
    reused++;
    return entry.file;
  }
  parsedAfresh++;
  return undefined;
}

/**
 * Whether the options make the file a module exactly as the snapshot's
 * parse did (createSourceFile ends by asking them). For a declaration file
 * they always do; a file they would make otherwise is parsed afresh, since
 * its binding followed the first answer.
 */
function sameModuleKind(file: TS.SourceFile, options: TS.ScriptTarget | TS.CreateSourceFileOptions): boolean {
  if (typeof options !== "object" || options.setExternalModuleIndicator === undefined) return true;
  const internal = file as { externalModuleIndicator?: unknown };
  const before = internal.externalModuleIndicator;
  options.setExternalModuleIndicator(file);
  const same = internal.externalModuleIndicator === before;
  internal.externalModuleIndicator = before;
  return same;
}

/** What the snapshot did in this process, for MIZAN_SNAPSHOT=report. */
export function snapshotReport(): string {
  const from = usableState() !== undefined ? "started from the declaration snapshot" : "started without a declaration snapshot";
  return `mizan-gen: ${from}; ${reused} declaration files reused from it, ${parsedAfresh} parsed`;
}

/**
 * After a cold run that parsed declaration files afresh, builds a snapshot
 * holding them (and the current snapshot's other files parsed for the same
 * target, still unchanged, so projects sharing a node_modules and a target
 * do not take turns) in a detached process of low priority. Not in CI
 * (`CI` set: node_modules is usually new each run) unless MIZAN_SNAPSHOT is
 * 1 or report; not for a day after a build failed; one build at a time.
 */
export function requestSnapshot(): void {
  const setting = process.env.MIZAN_SNAPSHOT;
  if (setting === "report") console.error(snapshotReport());
  if (parsedAfresh === 0) return;
  if (process.env.CI && setting !== "1" && setting !== "report") return;
  const paths = snapshotPaths();
  if (paths === undefined) return;
  try {
    if (Date.now() - statSync(`${paths.blob}.failed`).mtimeMs < RETRY_FAILED_MS) return;
  } catch {
    // No failed build.
  }
  try {
    mkdirSync(dirname(paths.lock), { recursive: true });
    if (!takeLock(paths.lock)) return;
    writeFileSync(paths.job, JSON.stringify({ format: SNAPSHOT_FORMAT, typescript: paths.typescript, files: snapshotFiles() }));
    const runner = fileURLToPath(new URL("./runner.js", import.meta.url));
    const builder = join(dirname(runner), "builder.cjs");
    const child = spawn(process.execPath, [runner, JSON.stringify({ ...paths, builder, flags: snapshotFlags() })], { detached: true, stdio: "ignore" });
    child.on("error", () => rmSync(paths.lock, { force: true }));
    // The lock names its builder: a build killed on the way (out of memory, a shutdown) frees it at once.
    if (child.pid !== undefined) writeFileSync(paths.lock, String(child.pid));
    child.unref();
  } catch {
    // A read-only node_modules: every cold run parses, as without the snapshot.
  }
}

/** The files the next snapshot holds: this run's first, then the current snapshot's of the same target, up to MAX_TEXT. */
function snapshotFiles(): FileRequest[] {
  const files = new Map(asked);
  // Parses for other targets are left out: a snapshot holding the libs once per target costs
  // every run starting from it more than parsing its own (projects of one target share theirs).
  const targets = new Set([...asked.values()].map((request) => request.languageVersion));
  for (const [key, entry] of preparedFiles()) {
    if (!files.has(key) && targets.has(entry.request.languageVersion) && unchanged(entry)) files.set(key, entry.request);
  }
  let text = 0;
  const listed: FileRequest[] = [];
  for (const request of files.values()) {
    try {
      text += statSync(request.fileName).size;
    } catch {
      continue;
    }
    if (text > MAX_TEXT) break;
    listed.push(request);
  }
  return listed;
}

/** Whether the lock names a builder that is no longer running (one being started has not named it yet). */
function abandoned(lock: string): boolean {
  const pid = Number(readFileSync(lock, "utf8"));
  return Number.isInteger(pid) && pid > 0 && !running(pid);
}

function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, "wx"));
      return true;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS && !abandoned(lock)) return false;
        rmSync(lock, { force: true });
      } catch {
        // Gone meanwhile: try again.
      }
    }
  }
  return false;
}
