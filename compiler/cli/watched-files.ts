// Files watched by name (what a program reads outside the folder a watcher
// covers), kept equal to a list that changes after each generation, and how
// long a burst of events waits. Shared by mizan-gen --watch and the Vite
// plugin's dev server.
import type { FSWatcher } from "chokidar";
import { normalizePosix } from "../paths/posix.js";

/**
 * How long a burst of file events that added or removed files waits for its
 * last event before it runs: chokidar reports a removal 100 ms late (to tell
 * a save by rename from a delete), so a folder renamed shows its new files
 * at once and its old ones gone 100 ms later, which must be one run.
 */
export const LIST_CHANGE_QUIET_MS = 200;

export class WatchedFiles {
  #watcher: Promise<FSWatcher> | undefined;
  #files = new Set<string>();

  /** `make`: the watcher, given the first list (so that its "ready" covers those files). */
  constructor(private readonly make: (files: string[]) => FSWatcher | Promise<FSWatcher>) {}

  /** The watcher, once the first `follow` has made it. */
  get watcher(): Promise<FSWatcher> | undefined {
    return this.#watcher;
  }

  /** Watches the files of `files` not watched yet, and stops watching those no longer in it. */
  async follow(files: readonly string[]): Promise<void> {
    const next = new Set(files);
    const added = [...next].filter((file) => !this.#files.has(file));
    const gone = [...this.#files].filter((file) => !next.has(file));
    this.#files = next;
    if (this.#watcher === undefined) {
      this.#watcher = Promise.resolve(this.make(added)).then((watcher) =>
        // chokidar, watching files of many folders, does not see a file it
        // watched come back once deleted (a package's file deleted and
        // written again, a branch checked out): watched again by name, it does.
        watcher.on("unlink", (path: string) => {
          if (!this.#files.has(normalizePosix(path))) return;
          watcher.unwatch(path);
          watcher.add(path);
        }),
      );
      return;
    }
    const watcher = await this.#watcher;
    if (added.length > 0) watcher.add(added);
    if (gone.length > 0) watcher.unwatch(gone);
  }
}
