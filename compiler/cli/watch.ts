// mizan-gen --watch: one ts-morph Project and one analysis cache for the
// whole session. A change refreshes the changed files, TypeScript reuses the
// rest of the previous program, and only files that are or import a changed
// file are analysed again.
//
// Files are watched with chokidar, which follows what editors and tools do
// to files: a save by rename (vim, JetBrains safe-write, sed -i, formatters),
// a delete and re-create, a folder renamed, a branch checked out. When files
// appear or disappear, the tsconfig's file list is read again, so the
// program and the "scanned N files" count follow it.
import { watch as chokidar } from "chokidar";
import { createAnalysisCache } from "../core.js";
import { generate } from "../generate.js";
import { normalizePosix } from "../options.js";
import { AUGMENTS, coreInput, loadProject, type LoadedProject } from "../host/ts-morph.js";
import { report, summary, type RunOptions } from "./run.js";

const SOURCE = /\.(?:m|c)?tsx?$/;
const DECLARATIONS = /\.d\.(?:m|c)?ts$/;
/** Folders never worth a watch: dependencies, VCS data, build caches. */
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|\.git|\.hg|\.svn)(?:\/|$)/;

function augments(loaded: LoadedProject, path: string): boolean {
  return AUGMENTS.test(loaded.project.getSourceFile(path)?.getFullText() ?? "");
}

export function watch(options: Omit<RunOptions, "check">): void {
  const loaded = loadProject(options.project);
  const cache = createAnalysisCache();
  const outDir = coreInput(loaded, { out: options.out }).options.outDir;
  let pending = { changed: new Set<string>(), listChanged: false };
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>, listChanged = false) => {
    const started = performance.now();
    const touched = new Set(changed);
    if (listChanged) {
      // Files added or removed: the tsconfig's list decides what belongs to the program.
      const before = new Set(loaded.rootFiles);
      loaded.rootFiles = loaded.listRootFiles();
      const after = new Set(loaded.rootFiles);
      for (const path of before) if (!after.has(path)) touched.add(path);
      for (const path of after) if (!before.has(path)) touched.add(path);
    }
    for (const path of touched) {
      const file = loaded.project.getSourceFile(path);
      // refreshFromFileSystem drops a file that no longer exists.
      if (file) await file.refreshFromFileSystem();
      else if (loaded.wanted(path)) loaded.project.addSourceFileAtPathIfExists(path);
      if (!loaded.project.getSourceFile(path)) cache.files.delete(path);
    }
    if (changed) loaded.project.resolveSourceFileDependencies();
    // Global declarations reach files without an import: analyse everything again.
    const global = [...touched].some((path) => DECLARATIONS.test(path) || augments(loaded, path));
    const generation = generate(coreInput(loaded, { out: options.out }), cache, global || !changed ? undefined : touched);
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
