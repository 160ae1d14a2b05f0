// The generated files under chokidar, by name. The project's folder watch
// skips the out folder, so that the generator's own writes start no run;
// this one sees a generated file deleted, the out folder removed, or a file
// replaced by other bytes (`git checkout -- generated`, a hand edit), and
// the run that follows writes them again (report.ts writes what differs).
// The generator's own writes replace a file by a rename, which chokidar
// reports as a change: a file holding what the last run wrote starts nothing.
import { existsSync, readFileSync } from "node:fs";
import { watch as chokidar, type FSWatcher } from "chokidar";
import { normalizePosix } from "../paths/posix.js";
import type { GeneratedFile } from "../../templates/index.js";
import { GENERATED } from "./report.js";
import { readyOf } from "./watched-folder.js";

export class WatchedOutput {
  #watcher: FSWatcher | undefined;
  #outDir = "";
  /** What the last run wrote (or found written), by absolute path; a run with errors keeps the one before. */
  #expected = new Map<string, string>();

  /** `onStale`: a generated file (absolute, posix) is gone, or no longer holds what the last run wrote. */
  constructor(
    private readonly onStale: (path: string) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /**
   * Watches the generated files that `outDir` holds now, anew: chokidar,
   * once a file it watched by name is deleted, does not see it written
   * again, so a file written back after a deletion needs a new watch.
   */
  async follow(outDir: string, files: readonly GeneratedFile[]): Promise<void> {
    if (files.length > 0) this.#expected = new Map(files.map((file) => [`${outDir}/${file.name}`, file.text]));
    this.#outDir = outDir;
    const previous = this.#watcher;
    const present = GENERATED.map((name) => `${outDir}/${name}`).filter((file) => existsSync(file));
    this.#watcher = present.length === 0 ? undefined : this.#make(present);
    await Promise.all([this.#watcher && readyOf(this.#watcher), previous?.close()]);
  }

  close(): Promise<void> | undefined {
    return this.#watcher?.close();
  }

  #make(files: string[]): FSWatcher {
    const watcher = chokidar(files, { ignoreInitial: true });
    // Reported late (chokidar waits to tell a save by rename): what counts is the file as it is now.
    const check = (path: string): boolean => {
      const file = normalizePosix(path);
      const stale = this.#stale(file);
      if (stale) this.onStale(file);
      return stale;
    };
    watcher.on("change", check).on("add", check);
    watcher.on("unlink", (path) => {
      // Back already as it was (removed and checked out again): no run, so watched anew here.
      if (!check(path)) void this.follow(this.#outDir, []).catch((error: unknown) => this.onError(error as Error));
    });
    watcher.on("error", (error) => this.onError(error as Error));
    return watcher;
  }

  #stale(file: string): boolean {
    if (!existsSync(file)) return true;
    const expected = this.#expected.get(file);
    if (expected === undefined) return false;
    try {
      return readFileSync(file, "utf8") !== expected;
    } catch {
      return true;
    }
  }
}
