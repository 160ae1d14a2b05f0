// mizan-gen --watch: a generation session (./session.ts) fed by chokidar,
// one regeneration per burst of changes. chokidar follows what editors and
// tools do to files: a save by rename (vim, JetBrains safe-write, sed -i,
// formatters), a delete and re-create, a folder renamed, a branch checked
// out. When files appear or disappear, the session reads the tsconfig's file
// list again, so the program and the "scanned N files" count follow it.
// What the program reads from elsewhere (node_modules declarations, sibling
// packages, the tsconfig files) is watched file by file, a set kept up to
// date after each generation; a tsconfig change loads the project again.
// The generated files are watched too (./watched-output.ts): one deleted,
// or the out folder removed, is written again.
import { watch as chokidar, type FSWatcher } from "chokidar";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { normalizePosix } from "../paths/posix.js";
import { programFiles } from "../host/project.js";
import { ts } from "../host/typescript.js";
import { withMissingRoutes } from "../validate/missing-routes.js";
import { report, summary } from "./report.js";
import type { RunOptions } from "./run.js";
import { GenerationSession } from "./session.js";
import { WatchedFolder, folderEvent, readyOf, type FolderEvent } from "./watched-folder.js";
import { LIST_CHANGE_QUIET_MS, WatchedFiles } from "./watched-files.js";
import { WatchedOutput } from "./watched-output.js";

export function watch(options: Omit<RunOptions, "check">): void {
  let session = new GenerationSession(options);
  if (session.loaded.note) console.log(`mizan-gen --watch: ${session.loaded.note}`);
  /** Warnings said so far: once each for the session, not at every run. */
  const warned = new Set<string>();
  const warn = () => {
    for (const warning of session.loaded.warnings.map(formatDiagnostic)) {
      if (!warned.has(warning)) console.error(warning);
      warned.add(warning);
    }
  };
  warn();
  const { projectDir } = session.loaded;
  let pending = { changed: new Set<string>(), listChanged: false, reload: false, folders: false };
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>, listChanged = false, reload = false) => {
    const started = performance.now();
    // A tsconfig changed: its options, files and plugin entry may all differ.
    if (reload) {
      session = new GenerationSession(options);
      warn();
    }
    const { loaded } = session;
    const regenerated = await session.regenerate(reload ? undefined : changed, listChanged);
    const files = [...loaded.rootFiles, ...loaded.followed, ...programFiles(loaded.program)];
    const generation = withMissingRoutes(ts, loaded.program.getCompilerOptions(), regenerated, files, loaded.projectDir, session.outDir);
    await report(generation, session.outDir, false, summary(generation, session.loaded.rootFiles, session.outDir), started);
    // Before `outside`: its first watcher's "ready" is awaited once this run is done.
    await output.follow(session.outDir, generation.files);
    await outside.follow(session.readElsewhere());
  };

  /** `path`: the source that changed; none when only generated files went (a run writes them again). */
  const schedule = (path: string | undefined, listChanged: boolean, folders = false) => {
    if (path !== undefined) pending.changed.add(path);
    pending.listChanged ||= listChanged;
    pending.folders ||= folders;
    pending.reload ||= path !== undefined && session.loaded.configFiles.includes(path);
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

  const onEvent = (kind: FolderEvent, path: string) => schedule(path, kind !== "change", kind === "folder");
  const onError = (error: Error) => console.error(`mizan-gen: watching: ${error.message}`);
  const folder = new WatchedFolder(projectDir, () => session.outDir, onEvent, onError);
  const output = new WatchedOutput(() => schedule(undefined, false), onError);

  /** After folders came or went: the folder watched anew, and what changed meanwhile caught by listing the files again. */
  const rewatch = async () => {
    await folder.renew();
    const listed = session.loaded.listRootFiles();
    const known = new Set(session.loaded.rootFiles);
    if (listed.length !== known.size || listed.some((file) => !known.has(file))) schedule(projectDir, true);
  };
  // Files by name: a file replaced by a rename (how generators and package managers write) is followed too.
  // Made with the first generation's list, so that "watching" is printed once those are watched.
  const outside = new WatchedFiles((files) => {
    const watcher: FSWatcher = chokidar(files, { ignoreInitial: true });
    watcher.on("all", (event, path) => {
      const kind = folderEvent(event);
      if (kind !== undefined) onEvent(kind, normalizePosix(path));
    });
    watcher.on("error", (error) => onError(error as Error));
    return watcher;
  });

  queue = queue
    .then(() => regenerate())
    .then(() => Promise.all([folder.ready, outside.watcher?.then(readyOf)]))
    .then(() => console.log("mizan-gen: watching for changes"));
}
