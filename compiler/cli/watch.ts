// mizan-gen --watch: keeps one ts-morph Project, refreshes the files that
// changed and regenerates; TypeScript reuses the unchanged source files of
// the previous program.
import { watch as watchFiles } from "node:fs";
import { loadProject } from "../host/ts-morph.js";
import { run, type RunOptions } from "./run.js";

export function watch(options: Omit<RunOptions, "check">): void {
  const loaded = loadProject(options.project);
  let pending = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async () => {
    const changed = pending;
    pending = new Set();
    for (const path of changed) {
      const file = loaded.project.getSourceFile(path);
      if (file) await file.refreshFromFileSystem();
      else if (/\.(m|c)?tsx?$/.test(path)) loaded.project.addSourceFileAtPathIfExists(path);
    }
    await run({ ...options, check: false }, loaded).catch((error: Error) => console.error(`mizan-gen: ${error.message}`));
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = (running ?? Promise.resolve()).then(regenerate);
    }, 30);
  };

  void run({ ...options, check: false }, loaded).then(() => {
    const outDir = loaded.projectDir;
    watchFiles(loaded.projectDir, { recursive: true }, (_event, name) => {
      if (!name || name.includes("node_modules") || !/\.(m|c)?tsx?$/.test(name)) return;
      const path = `${outDir}/${name}`;
      pending.add(path);
      schedule();
    });
    console.log("mizan-gen: watching for changes");
  });
}
