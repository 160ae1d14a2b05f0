// A project's folder under chokidar, its source files only, made anew after
// folders come or go. Shared by mizan-gen --watch and the Vite plugin's dev
// server (whose own watcher loses folders the same way).
import type { Stats } from "node:fs";
import { watch as chokidar, type ChokidarOptions, type FSWatcher } from "chokidar";
import { normalizePosix } from "../paths/posix.js";

const SOURCE = /\.(?:m|c)?tsx?$/;
/** Folders never worth a watch: dependencies, VCS data, build caches. */
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|\.git|\.hg|\.svn)(?:\/|$)/;

/** What a file event means for a generation: a file changed, a file came or went, or a folder did. */
export type FolderEvent = "change" | "file" | "folder";

export class WatchedFolder {
  #watcher: FSWatcher;
  /** Settles once the first watcher has scanned the folder. */
  readonly ready: Promise<void>;

  /**
   * `outDir`: the generated files' folder, asked at each event (it changes
   * when the tsconfig does). `options`: chokidar's, for the Vite plugin to
   * pass on what the dev server is configured with (polling, persistence).
   */
  constructor(
    private readonly dir: string,
    private readonly outDir: () => string | undefined,
    private readonly onEvent: (kind: FolderEvent, path: string) => void,
    private readonly onError: (error: Error) => void,
    private readonly options: Pick<ChokidarOptions, "persistent" | "usePolling" | "interval"> = {},
  ) {
    this.#watcher = this.#make();
    this.ready = readyOf(this.#watcher);
  }

  /**
   * Watches the folder anew; call it after folders came or went. chokidar
   * can lose a folder it saw removed and restored at once (a checkout of a
   * branch that renames it, and back): a later rename of it shows only the
   * old name gone, and nothing under the new one is reported again. The
   * watcher before stays until the new one is ready; what changed in
   * between is the caller's to catch (by reading its file list again).
   */
  async renew(): Promise<void> {
    const previous = this.#watcher;
    this.#watcher = this.#make();
    await readyOf(this.#watcher);
    await previous.close();
  }

  close(): Promise<void> {
    return this.#watcher.close();
  }

  #make(): FSWatcher {
    const watcher = chokidar(this.dir, { ...this.options, ignoreInitial: true, ignored: (path, stats) => this.#ignored(normalizePosix(path), stats) });
    watcher.on("all", (event, path) => {
      const kind = folderEvent(event);
      if (kind !== undefined) this.onEvent(kind, normalizePosix(path));
    });
    watcher.on("error", (error) => this.onError(error as Error));
    return watcher;
  }

  #ignored(path: string, stats: Stats | undefined): boolean {
    const out = this.outDir();
    if (SKIPPED_FOLDER.test(path) || (out !== undefined && (path === out || path.startsWith(out + "/")))) return true;
    return stats?.isFile() === true && !SOURCE.test(path);
  }
}

/** What a chokidar event means for a generation. A folder renamed or removed: chokidar reports its files one by one too. */
export function folderEvent(event: string): FolderEvent | undefined {
  if (event === "change") return "change";
  if (event === "add" || event === "unlink") return "file";
  return event === "addDir" || event === "unlinkDir" ? "folder" : undefined;
}

export function readyOf(watcher: FSWatcher): Promise<void> {
  return new Promise((resolve) => watcher.once("ready", () => resolve()));
}
