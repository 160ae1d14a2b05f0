// mizan-gen --watch: a generation session (./session.ts) fed by chokidar,
// one regeneration per burst of changes. chokidar follows what editors and
// tools do to files: a save by rename (vim, JetBrains safe-write, sed -i,
// formatters), a delete and re-create, a folder renamed, a branch checked
// out. When files appear or disappear, the session reads the tsconfig's file
// list again, so the program and the "scanned N files" count follow it.
// What the program reads from elsewhere (node_modules declarations, sibling
// packages, the tsconfig files) is watched file by file, a set kept up to
// date after each generation; a tsconfig change loads the project again.
import { watch as chokidar, type FSWatcher } from "chokidar";
import { normalizePosix } from "../paths/posix.js";
import { report, summary } from "./report.js";
import type { RunOptions } from "./run.js";
import { GenerationSession } from "./session.js";
import { LIST_CHANGE_QUIET_MS, WatchedFiles } from "./watched-files.js";

const SOURCE = /\.(?:m|c)?tsx?$/;
/** Folders never worth a watch: dependencies, VCS data, build caches. */
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|\.git|\.hg|\.svn)(?:\/|$)/;

export function watch(options: Omit<RunOptions, "check">): void {
  let session = new GenerationSession(options);
  if (session.loaded.note) console.log(`mizan-gen --watch: ${session.loaded.note}`);
  const { projectDir } = session.loaded;
  let pending = { changed: new Set<string>(), listChanged: false, reload: false, folders: false };
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>, listChanged = false, reload = false) => {
    const started = performance.now();
    // A tsconfig changed: its options, files and plugin entry may all differ.
    if (reload) session = new GenerationSession(options);
    const generation = await session.regenerate(reload ? undefined : changed, listChanged);
    await report(generation, session.outDir, false, summary(generation, session.loaded.rootFiles, session.outDir), started);
    await outside.follow(session.readElsewhere());
  };

  const schedule = (path: string, listChanged: boolean, folders = false) => {
    pending.changed.add(path);
    pending.listChanged ||= listChanged;
    pending.folders ||= folders;
    pending.reload ||= session.loaded.configFiles.includes(path);
    clearTimeout(timer);
    // Editors and checkouts write in bursts; one regeneration per burst.
    timer = setTimeout(() => {
      const { changed, listChanged, reload, folders } = pending;
      pending = { changed: new Set(), listChanged: false, reload: false, folders: false };
      queue = queue
        .then(() => regenerate(changed, listChanged, reload))
        .then(() => (folders ? rewatch() : undefined))
        .catch((error: Error) => console.error(`mizan-gen: ${error.message}`));
    }, pending.listChanged ? LIST_CHANGE_QUIET_MS : 50);
  };

  const onEvent = (event: string, path: string) => {
    const posix = normalizePosix(path);
    if (event === "change") schedule(posix, false);
    // A folder renamed or removed: chokidar reports its files one by one, and the list is read again anyway.
    else if (event === "add" || event === "unlink") schedule(posix, true);
    else if (event === "unlinkDir" || event === "addDir") schedule(posix, true, true);
  };

  const watchFolder = () =>
    chokidar(projectDir, {
      ignoreInitial: true,
      ignored: (path, stats) => {
        const posix = normalizePosix(path);
        const out = session.outDir;
        if (SKIPPED_FOLDER.test(posix) || posix === out || posix.startsWith(out + "/")) return true;
        return stats?.isFile() === true && !SOURCE.test(posix);
      },
    });
  let watcher = watchFolder();

  /**
   * After folders came or went, the folder is watched anew. chokidar can
   * lose a folder it saw removed and restored at once (a checkout of a
   * branch that renames it, and back): a later rename of it shows only the
   * old name gone, and nothing under the new one is reported again. The
   * first watcher stays until the new one is ready; what changed in between
   * is caught by reading the file list again.
   */
  const rewatch = async () => {
    const previous = watcher;
    watcher = listen(watchFolder());
    await ready(watcher);
    await previous.close();
    const listed = session.loaded.listRootFiles();
    const known = new Set(session.loaded.rootFiles);
    if (listed.length !== known.size || listed.some((file) => !known.has(file))) schedule(projectDir, true);
  };
  const listen = (w: FSWatcher) => {
    w.on("all", onEvent);
    w.on("error", (error) => console.error(`mizan-gen: watching: ${(error as Error).message}`));
    return w;
  };
  // Files by name: a file replaced by a rename (how generators and package managers write) is followed too.
  // Made with the first generation's list, so that "watching" is printed once those are watched.
  const outside = new WatchedFiles((files) => listen(chokidar(files, { ignoreInitial: true })));
  const ready = (w: FSWatcher) => new Promise<void>((resolve) => w.once("ready", () => resolve()));
  listen(watcher);
  const watching = ready(watcher);

  queue = queue
    .then(() => regenerate())
    .then(() => Promise.all([watching, outside.watcher?.then(ready)]))
    .then(() => console.log("mizan-gen: watching for changes"));
}
