// The generated files under chokidar, by name. The project's folder watch
// skips the out folder, so that the generator's own writes start no run;
// this one sees a generated file deleted, or the out folder removed, and
// the run that follows writes them again (report.ts writes what is missing).
// The generator's own writes replace a file by a rename, which chokidar
// reports as a change, never as a removal: they start nothing.
import { existsSync } from "node:fs";
import { watch as chokidar, type FSWatcher } from "chokidar";
import { normalizePosix } from "../paths/posix.js";
import { GENERATED } from "./report.js";
import { readyOf } from "./watched-folder.js";

export class WatchedOutput {
  #watcher: FSWatcher | undefined;

  /** `onGone`: a generated file (absolute, posix) no longer exists. */
  constructor(
    private readonly onGone: (path: string) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /**
   * Watches the generated files that `outDir` holds now, anew: chokidar,
   * once a file it watched by name is deleted, does not see it written
   * again, so a file written back after a deletion needs a new watch.
   */
  async follow(outDir: string): Promise<void> {
    const previous = this.#watcher;
    const files = GENERATED.map((name) => `${outDir}/${name}`).filter((file) => existsSync(file));
    this.#watcher = files.length === 0 ? undefined : this.#make(files);
    await Promise.all([this.#watcher && readyOf(this.#watcher), previous?.close()]);
  }

  close(): Promise<void> | undefined {
    return this.#watcher?.close();
  }

  #make(files: string[]): FSWatcher {
    const watcher = chokidar(files, { ignoreInitial: true });
    watcher.on("unlink", (path) => {
      // Reported late (chokidar waits to tell a save by rename): only a file still missing counts.
      if (!existsSync(path)) this.onGone(normalizePosix(path));
    });
    watcher.on("error", (error) => this.onError(error as Error));
    return watcher;
  }
}
