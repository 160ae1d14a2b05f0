// A generation session: one loaded project and one analysis cache for as
// long as a watcher runs (mizan-gen --watch, the Vite plugin's dev server).
// A change re-reads the changed files, the next program reuses the rest of
// the previous one, and only files that are or import a changed file are
// analysed again.
import { createAnalysisCache, type AnalysisCache } from "../core.js";
import { generate, type Generation } from "../generate.js";
import { AUGMENTS, coreInput, loadProject, programFiles, type LoadedProject } from "../host/project.js";
import { filesWithUnresolvedImports } from "../host/unresolved-imports.js";
import type { CoreInput } from "../input/core-input.js";
import { isProjectSource } from "./sources.js";

const DECLARATIONS = /\.d\.(?:m|c)?ts$/;

export interface SessionOptions {
  /** The tsconfig, absolute or relative to the current folder. */
  project: string;
  /** Overrides the output folder of the tsconfig's plugin entry. */
  out?: string;
  /** Leave the client-code check to the caller (a bundler plugin checks each module as it loads). */
  skipClientCheck?: boolean;
}

export class GenerationSession {
  readonly loaded: LoadedProject;
  readonly outDir: string;
  private readonly cache: AnalysisCache = createAnalysisCache();
  /**
   * Every file read elsewhere in this session: one that left the program (a
   * sibling package's file deleted, or no longer imported) stays watched,
   * so that its return is seen.
   */
  readonly #elsewhere = new Set<string>();

  constructor(private readonly options: SessionOptions) {
    this.loaded = loadProject(options.project);
    this.outDir = this.input().options.outDir;
  }

  /** Is a change of this file (absolute, posix) one the generator must see? Sources of the project, not its output. */
  concerns(path: string): boolean {
    return isProjectSource(this.loaded.projectDir, this.outDir, path);
  }

  /**
   * What the program read that a watcher of the project's folder does not
   * see: the tsconfig and the configs it extends, declarations under
   * node_modules (a Prisma client generated again, a package upgraded) and
   * sources outside the folder (a monorepo's sibling package). The standard
   * library's files are left out: they change only with TypeScript itself.
   */
  readElsewhere(): string[] {
    const read = [...programFiles(this.loaded.program), ...this.loaded.followed];
    for (const path of read) if (!this.concerns(path) && !path.startsWith(this.outDir + "/")) this.#elsewhere.add(path);
    return [...new Set([...this.loaded.configFiles, ...this.#elsewhere])];
  }


  /**
   * Analyses and renders again; `changed` (absolute paths) limits the work to
   * what those files affect. `listChanged`: files were added or removed, so
   * the tsconfig's file list is read again and the program follows it.
   */
  async regenerate(changed?: ReadonlySet<string>, listChanged = false): Promise<Generation> {
    const { loaded } = this;
    const touched = new Set(changed);
    if (listChanged) {
      const before = new Set(loaded.rootFiles);
      loaded.rootFiles = loaded.listRootFiles();
      const after = new Set(loaded.rootFiles);
      for (const path of before) if (!after.has(path)) touched.add(path);
      for (const path of after) if (!before.has(path)) touched.add(path);
    }
    // A file appeared or went: what did not resolve may now, so the files that import it are read again.
    if (listChanged) {
      for (const path of filesWithUnresolvedImports(loaded.program)) {
        const file = loaded.program.getSourceFileByPath(path);
        if (file && !file.isDeclarationFile && !file.fileName.includes("/node_modules/")) touched.add(file.fileName);
      }
    }
    if (touched.size > 0) loaded.update(touched);
    for (const path of touched) if (!loaded.program.getSourceFile(path)) this.cache.files.delete(path);
    // Global declarations reach files without an import: analyse everything again.
    const global = [...touched].some((path) => DECLARATIONS.test(path) || this.augments(path));
    return generate(this.input(), this.cache, global || !changed ? undefined : touched);
  }

  private input(): CoreInput {
    const input = coreInput(this.loaded, { out: this.options.out });
    return this.options.skipClientCheck ? { ...input, options: { ...input.options, client: [] } } : input;
  }

  private augments(path: string): boolean {
    return AUGMENTS.test(this.loaded.program.getSourceFile(path)?.text ?? "");
  }
}
