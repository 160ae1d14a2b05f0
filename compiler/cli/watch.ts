// mizan-gen --watch: a generation session (./session.ts) fed by chokidar,
// one regeneration per burst of changes. chokidar follows what editors and
// tools do to files: a save by rename (vim, JetBrains safe-write, sed -i,
// formatters), a delete and re-create, a folder renamed, a branch checked
// out. When files appear or disappear, the session reads the tsconfig's file
// list again, so the program and the "scanned N files" count follow it.
import { watch as chokidar } from "chokidar";
import { normalizePosix } from "../paths/posix.js";
import { report, summary, type RunOptions } from "./run.js";
import { GenerationSession } from "./session.js";

const SOURCE = /\.(?:m|c)?tsx?$/;
/** Folders never worth a watch: dependencies, VCS data, build caches. */
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|\.git|\.hg|\.svn)(?:\/|$)/;

export function watch(options: Omit<RunOptions, "check">): void {
  const session = new GenerationSession(options);
  const { loaded, outDir } = session;
  let pending = { changed: new Set<string>(), listChanged: false };
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>, listChanged = false) => {
    const started = performance.now();
    const generation = await session.regenerate(changed, listChanged);
    await report(generation, outDir, false, summary(generation, loaded.rootFiles.length), started);
  };

  const schedule = (path: string, listChanged: boolean) => {
    pending.changed.add(path);
    pending.listChanged ||= listChanged;
    clearTimeout(timer);
    // Editors and checkouts write in bursts; one regeneration per burst.
    timer = setTimeout(() => {
      const { changed, listChanged } = pending;
      pending = { changed: new Set(), listChanged: false };
      queue = queue.then(() => regenerate(changed, listChanged)).catch((error: Error) => console.error(`mizan-gen: ${error.message}`));
    }, 50);
  };

  const watcher = chokidar(loaded.projectDir, {
    ignoreInitial: true,
    ignored: (path, stats) => {
      const posix = normalizePosix(path);
      if (SKIPPED_FOLDER.test(posix) || posix === outDir || posix.startsWith(outDir + "/")) return true;
      return stats?.isFile() === true && !SOURCE.test(posix);
    },
  });
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  watcher.on("all", (event, path) => {
    const posix = normalizePosix(path);
    if (event === "change") schedule(posix, false);
    // A folder renamed or removed: chokidar reports its files one by one, and the list is read again anyway.
    else if (event === "add" || event === "unlink" || event === "unlinkDir" || event === "addDir") schedule(posix, true);
  });
  watcher.on("error", (error) => console.error(`mizan-gen: watching: ${(error as Error).message}`));

  queue = queue
    .then(() => regenerate())
    .then(() => ready)
    .then(() => console.log("mizan-gen: watching for changes"));
}
