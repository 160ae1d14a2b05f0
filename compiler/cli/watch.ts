// mizan-gen --watch: one ts-morph Project and one analysis cache for the
// whole session. A change refreshes the changed files, TypeScript reuses the
// rest of the previous program, and only files that are or import a changed
// file are analysed again.
import { watch as watchFolder } from "node:fs";
import { createAnalysisCache } from "../core.js";
import { generate } from "../generate.js";
import { AUGMENTS, coreInput, loadProject, type LoadedProject } from "../host/ts-morph.js";
import { report, summary, type RunOptions } from "./run.js";

const SOURCE = /\.(?:m|c)?tsx?$/;
const DECLARATIONS = /\.d\.(?:m|c)?ts$/;

function augments(loaded: LoadedProject, path: string): boolean {
  return AUGMENTS.test(loaded.project.getSourceFile(path)?.getFullText() ?? "");
}

export function watch(options: Omit<RunOptions, "check">): void {
  const loaded = loadProject(options.project);
  const cache = createAnalysisCache();
  const outDir = coreInput(loaded, { out: options.out }).options.outDir;
  let pending = new Set<string>();
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>) => {
    const started = performance.now();
    for (const path of changed ?? []) {
      const file = loaded.project.getSourceFile(path);
      if (file) await file.refreshFromFileSystem();
      else if (loaded.wanted(path)) loaded.project.addSourceFileAtPathIfExists(path);
    }
    if (changed) loaded.project.resolveSourceFileDependencies();
    // Global declarations reach files without an import: analyse everything again.
    const global = [...(changed ?? [])].some((path) => DECLARATIONS.test(path) || augments(loaded, path));
    const generation = generate(coreInput(loaded, { out: options.out }), cache, global ? undefined : changed);
    await report(generation, outDir, false, summary(generation, loaded.rootFiles.length), started);
  };

  queue = queue.then(() => regenerate()).then(() => console.log("mizan-gen: watching for changes"));
  watchFolder(loaded.projectDir, { recursive: true }, (_event, name) => {
    if (!name || !SOURCE.test(name) || name.split("/").includes("node_modules")) return;
    const path = `${loaded.projectDir}/${name}`;
    if (path.startsWith(outDir + "/")) return;
    pending.add(path);
    clearTimeout(timer);
    // Editors write in bursts; one regeneration per burst.
    timer = setTimeout(() => {
      const changed = pending;
      pending = new Set();
      queue = queue.then(() => regenerate(changed)).catch((error: Error) => console.error(`mizan-gen: ${error.message}`));
    }, 20);
  });
}
