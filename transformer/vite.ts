// mizan-gen/vite: the private-call check for apps built with Vite, and
// optionally the generator. Every client module Vite loads is checked
// before any other plugin sees it (the bundler check, ./bundler-check.ts,
// the same rules and codes as the esbuild plugin, tspc and mizan-gen).
// In dev a module with a finding fails to transform: Vite shows the error
// overlay and the module is checked again when it or the API changes. In a
// build every finding of every module is gathered and the build fails once,
// listing them all. With `generate`, the plugin runs the generator at the
// start (and on every change of a server file in dev), writing only the
// generated files that changed.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { Plugin, ResolvedConfig, ViteDevServer } from "vite";
import type { CallTable } from "../compiler/client-check/table.js";
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { LIST_CHANGE_QUIET_MS, WatchedFiles } from "../compiler/cli/watched-files.js";
import type { WatchedFolder } from "../compiler/cli/watched-folder.js";
import type { WatchedOutput } from "../compiler/cli/watched-output.js";
import { normalizePosix } from "../compiler/paths/posix.js";
import { SOURCE, checkModule, clientFilter, spanOf, type ModuleCheck } from "./bundler-check.js";
import { generatorSource, manifestSource, type GenerateOptions, type TableSource, type TableUpdate } from "./vite-table.js";

export type { GenerateOptions } from "./vite-table.js";

export interface MizanViteOptions {
  /** The generated manifest.json, relative to `root`. Required unless the plugin runs the generator. */
  manifest?: string;
  /** Globs of client modules, relative to `root`. Default: every module outside node_modules. */
  client?: string[];
  /** The project folder: globs and reported paths are relative to it. Default: Vite's `root`. */
  root?: string;
  /** Run the generator over the tsconfig at build start and, in dev, on every change of its files. */
  generate?: boolean | GenerateOptions;
}

/** The error a module (dev) or a build fails with: Rollup's shape, which Vite shows in its overlay. */
export interface MizanBuildError {
  message: string;
  /** The first finding's place: absolute file, line and column 1-based, as in the message (Vite prints them as given). */
  id: string;
  loc: { file: string; line: number; column: number };
  frame: string;
  plugin: string;
}

const NAME = "mizan";
/** Not a path: what the dev server's watcher of the generated files reports (a file gone or changed). */
const OUTPUT_STALE = "\u0000generated";

export function mizanVite(options: MizanViteOptions = {}): Plugin {
  if (!options.generate && !options.manifest) {
    throw new Error("mizan-gen/vite: set `manifest` (the generated manifest.json) or `generate`");
  }
  let config: ResolvedConfig;
  let root = "";
  /** The folder the generator's diagnostics are relative to: the tsconfig's once known, else root. */
  let projectDir = "";
  let isClient: (path: string) => boolean = () => false;
  let source: Promise<TableSource> | undefined;
  let state: Promise<TableUpdate> | undefined;
  let table: CallTable | undefined;
  /** Build: every module's findings, reported together at the end. */
  const findings = new Map<string, ModuleCheck>();
  /** Dev: modules checked, to check again when the table changes. */
  const checked = new Set<string>();
  /** Dev: the generator's last failure, shown to every page that connects until a clean run. */
  let failing: (Partial<MizanBuildError> & { message: string }) | undefined;
  /** Dev: closes the plugin's watchers. */
  let closeWatcher: () => Promise<void> | undefined = () => undefined;

  const openSource = (): Promise<TableSource> =>
    (source ??= options.generate
      ? generatorSource(root, options.generate === true ? {} : options.generate, config.command === "serve")
      : Promise.resolve(manifestSource(normalizePosix(resolve(root, options.manifest!)))));

  /** One update of the table, never rejected: a failure is an answer too. */
  const update = async (changed?: ReadonlySet<string>, listChanged = false): Promise<TableUpdate> => {
    let result: TableUpdate;
    try {
      result = await (await openSource()).update(changed, listChanged);
    } catch (error) {
      result = { diagnostics: [], error: `mizan: ${(error as Error).message}`, written: [] };
    }
    if (source) projectDir = (await source).projectDir ?? root;
    if (result.table) table = result.table;
    for (const warning of result.warnings ?? []) config.logger.warn(warning, { timestamp: true });
    if (result.written.length > 0) config.logger.info(`mizan: wrote ${result.written.join(", ")}`, { timestamp: true });
    return result;
  };

  return {
    name: NAME,
    // Before Vite's own TypeScript transform: the code checked is the file as written.
    enforce: "pre",

    configResolved(resolved) {
      config = resolved;
      root = normalizePosix(resolve(resolved.root, options.root ?? "."));
      projectDir = root;
      isClient = clientFilter(root, options.client);
    },

    async buildStart() {
      state ??= update();
      const first = await state;
      if (config.command === "build") {
        if (first.error) this.error(first.error);
        if (first.diagnostics.length > 0) this.error(failureOf(first.diagnostics, projectDir));
        // A watching build (vite build --watch) rebuilds when a server file changes too.
        if (this.meta.watchMode) for (const path of (await openSource()).inputs()) this.addWatchFile(path);
      }
    },

    async watchChange(id, change) {
      // Build --watch only; the dev server's changes come through its watcher (configureServer).
      if (config.command !== "build") return;
      const path = normalizePosix(id);
      const current = await openSource();
      if (!current.concerns(path) || (current.outDir && path.startsWith(current.outDir + "/"))) return;
      // After the previous update: one session, one run at a time.
      state = (state ?? Promise.resolve()).then(() => update(new Set([path]), change.event !== "update"));
    },

    configureServer(server) {
      watchForServer(server);
    },

    async transform(code, id) {
      const path = normalizePosix(id.replace(/[?#].*$/, ""));
      if (id.startsWith("\0") || !SOURCE.test(path) || !isAbsolute(path) || !isClient(path)) return null;
      await state;
      // Noted even while there is no table (the server code has errors): the first good run checks it.
      if (config.command === "serve") checked.add(path);
      if (!table) return null;
      const found = checkModule(root, path, code, table);
      if (!found || found.diagnostics.length === 0) {
        findings.delete(path);
        return null;
      }
      if (config.command === "build") {
        findings.set(path, found);
        return null;
      }
      this.error(errorOf([found]));
    },

    // A dev server's close, in middleware mode too, ends here.
    async closeBundle() {
      await closeWatcher();
    },

    buildEnd(error) {
      if (error || findings.size === 0) return;
      const all = [...findings.values()].sort((a, b) => (a.file.fileName < b.file.fileName ? -1 : 1));
      findings.clear();
      this.error(errorOf(all));
    },
  };

  function watchForServer(server: ViteDevServer): void {
    let folder: WatchedFolder | undefined;
    /** The generated files by name (generate only): one deleted or overwritten is written again, as by mizan-gen --watch. */
    let output: WatchedOutput | undefined;
    closeWatcher = async () => {
      await folder?.close();
      await output?.close();
      await (await outside.watcher)?.close();
    };
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    state ??= update();
    void state.then((first) => report(server, first));
    void openSource().then(async (current) => {
      if (current.projectDir === undefined) {
        // The manifest, through Vite's own watcher (told of it when it is outside Vite's root).
        for (const path of current.inputs()) if (!path.startsWith(normalizePosix(config.root) + "/")) server.watcher.add(path);
        server.watcher.on("add", (file) => onChange(file, true));
        server.watcher.on("change", (file) => onChange(file));
        server.watcher.on("unlink", (file) => onChange(file, true));
        return;
      }
      // The tsconfig's folder, through a watcher of the plugin's own: it may lie beside Vite's root, which
      // is all Vite's watcher covers, and it is made anew after folders come or go, as mizan-gen --watch's
      // is (chokidar can lose a folder that a checkout renamed and restored).
      if (config.server.watch === null) return;
      const { usePolling, interval } = config.server.watch ?? {};
      // (chokidar is loaded only here: a build never needs it.) Not persistent: a dev server's close, or
      // closeBundle in middleware mode, closes it.
      const { WatchedFolder } = await import("../compiler/cli/watched-folder.js");
      const { WatchedOutput } = await import("../compiler/cli/watched-output.js");
      output = new WatchedOutput(() => void onChange(OUTPUT_STALE), (error) => config.logger.error(`${NAME}: watching: ${error.message}`));
      void state!.then(followOutput);
      folder = new WatchedFolder(current.projectDir, () => current.outDir, (kind, path) => void onChange(path, kind !== "change", kind === "folder"), (error) => config.logger.error(`${NAME}: watching: ${error.message}`), {
        persistent: false,
        ...(usePolling === undefined ? {} : { usePolling }),
        ...(interval === undefined ? {} : { interval }),
      });
    });

    // What the generator read outside the project's folders (a Prisma client generated again under
    // node_modules, which Vite's watcher ignores): watched by name, kept up to date after each update.
    // (chokidar is loaded only here: a build never needs it.)
    const outside = new WatchedFiles(async (files) => {
      const { watch } = await import("chokidar");
      const watcher = watch(files, { ignoreInitial: true, persistent: false });
      for (const event of ["add", "change", "unlink"] as const) watcher.on(event, (file: string) => onChange(file, event !== "change"));
      return watcher;
    });
    const follow = async () => outside.follow((await openSource()).elsewhere());
    void state.then(follow);

    /** After an update: the generated files it left, watched anew (the out folder may be new). */
    const followOutput = async (result: TableUpdate) => {
      const outDir = (await openSource()).outDir;
      if (output && outDir) await output.follow(outDir, result.files ?? []);
    };

    let listChanged = false;
    let folders = false;
    /**
     * `added`: a file added or removed rather than changed; `ofFolder`: a folder's, after which the
     * project is watched anew. OUTPUT_STALE: a generated file went or changed; the update with no
     * changed file that follows writes it again.
     */
    const onChange = async (file: string, added = false, ofFolder = false) => {
      const path = normalizePosix(file);
      const current = await openSource();
      if (path !== OUTPUT_STALE && !ofFolder && (!current.concerns(path) || (current.outDir && path.startsWith(current.outDir + "/")))) return;
      if (path !== OUTPUT_STALE) pending.add(path);
      listChanged ||= added;
      folders ||= ofFolder;
      clearTimeout(timer);
      // Editors write in bursts; one update per burst, after the previous one.
      timer = setTimeout(() => {
        const changed = pending;
        const added = listChanged;
        const renew = folders;
        pending = new Set();
        listChanged = folders = false;
        state = (state ?? Promise.resolve()).then(async () => {
          const before = table;
          // Folders came or went: the folder is watched anew first, and the file list read again once
          // the new watcher is ready, so nothing that happens in between is missed.
          if (renew) await folder?.renew();
          const result = await update(changed, added);
          report(server, result);
          await follow();
          await followOutput(result);
          if (table !== before && !sameTable(before, table)) recheck(server);
          return result;
        });
      }, listChanged ? LIST_CHANGE_QUIET_MS : 20);
    };
    // A page opened or reloaded while the server code has errors is shown them too.
    server.environments.client.hot.on("vite:client:connect", (_data, client) => {
      if (failing) client.send({ type: "error", err: { stack: "", ...failing } });
    });
  }

  /** The generator's errors go to the terminal and the overlay; a good run after them clears the overlay. */
  function report(server: ViteDevServer, result: TableUpdate): void {
    const problem = result.error
      ? { message: result.error, plugin: NAME }
      : result.diagnostics.length > 0
        ? failureOf(result.diagnostics, projectDir)
        : undefined;
    if (problem) {
      failing = problem;
      config.logger.error(problem.message, { timestamp: true });
      server.environments.client.hot.send({ type: "error", err: { stack: "", ...problem } });
    } else if (failing) {
      failing = undefined;
      // The terminal showed the errors: it says they are gone too.
      config.logger.info(`mizan: the server code's errors are fixed; ${result.written.length > 0 ? "files written" : "generated files up to date"}`, { timestamp: true });
      server.environments.client.hot.send({ type: "full-reload", path: "*" });
    }
  }

  /** The API changed: every client module is checked again on its next request, and the page reloads. */
  function recheck(server: ViteDevServer): void {
    const graph = server.environments.client.moduleGraph;
    let invalidated = 0;
    for (const path of checked) {
      for (const mod of graph.getModulesByFile(path) ?? []) {
        graph.invalidateModule(mod);
        invalidated++;
      }
    }
    checked.clear();
    if (invalidated > 0) server.environments.client.hot.send({ type: "full-reload", path: "*" });
  }
}

function sameTable(a: CallTable | undefined, b: CallTable | undefined): boolean {
  const same = (x: ReadonlySet<string>, y: ReadonlySet<string>) => x.size === y.size && [...x].every((v) => y.has(v));
  return !!a && !!b && same(a.known, b.known) && same(a.private, b.private);
}

/** The generator's diagnostics as one error, listed as mizan-gen prints them; the first one's place as the location. */
function failureOf(diagnostics: readonly Diagnostic[], projectDir: string): MizanBuildError {
  const sorted = sortDiagnostics(diagnostics);
  const n = sorted.length;
  const list = sorted.map(formatDiagnostic).join("\n");
  const { file, line, column } = sorted[0]!.location;
  const path = normalizePosix(resolve(projectDir, file));
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // A file gone since the run: the message alone says where.
  }
  return {
    message: `mizan: ${n} error${n === 1 ? "" : "s"} in the server code; nothing generated\n${list}`,
    id: path,
    loc: { file: path, line, column },
    frame: text ? frameOf(text, line, column, 1) : "",
    plugin: NAME,
  };
}

/** Client findings as one error: every finding in the message, the first one's place as the location. */
function errorOf(modules: readonly ModuleCheck[]): MizanBuildError {
  const all = modules.flatMap((m) => sortDiagnostics(m.diagnostics).map((d) => ({ module: m, d })));
  const first = all[0]!;
  const span = spanOf(first.module.file, first.d);
  const n = all.length;
  const heading = `mizan: ${n} error${n === 1 ? "" : "s"} in client code`;
  return {
    message: `${heading}\n${all.map(({ d }) => formatDiagnostic(d)).join("\n")}`,
    id: first.module.file.fileName,
    loc: { file: first.module.file.fileName, line: span.line, column: span.column },
    frame: frameOf(first.module.file.text, span.line, span.column, span.length),
    plugin: NAME,
  };
}

/** Two lines of context above the finding, and a caret line under it. */
function frameOf(text: string, line: number, column: number, length: number): string {
  const lines = text.split(/\r?\n/);
  const width = String(line).length;
  const out: string[] = [];
  for (let i = Math.max(1, line - 2); i <= line; i++) out.push(`${String(i).padStart(width)} | ${lines[i - 1] ?? ""}`);
  out.push(`${" ".repeat(width)} | ${" ".repeat(column - 1)}${"^".repeat(Math.max(1, length))}`);
  return out.join("\n");
}
