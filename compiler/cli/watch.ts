// mizan-gen --watch: a generation session (./session.ts) fed by a recursive
// watch of the project folder, one regeneration per burst of changes.
import { watch as watchFolder } from "node:fs";
import { report, summary, type RunOptions } from "./run.js";
import { GenerationSession } from "./session.js";

export function watch(options: Omit<RunOptions, "check">): void {
  const session = new GenerationSession(options);
  const { loaded, outDir } = session;
  let pending = new Set<string>();
  let queue = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const regenerate = async (changed?: ReadonlySet<string>) => {
    const started = performance.now();
    const generation = await session.regenerate(changed);
    await report(generation, outDir, false, summary(generation, loaded.rootFiles.length), started);
  };

  queue = queue.then(() => regenerate()).then(() => console.log("mizan-gen: watching for changes"));
  watchFolder(loaded.projectDir, { recursive: true }, (_event, name) => {
    if (!name) return;
    const path = `${loaded.projectDir}/${name}`;
    if (!session.concerns(path)) return;
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
