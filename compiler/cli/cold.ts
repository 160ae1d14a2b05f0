// The analysis of a cold mizan-gen run, on the lean program (built without
// the DOM libraries, when compiler/host/lean-lib.ts allows it) and
// again on the full program whenever the lean one might have given another
// result: the analysis met a DOM type (LeanLibMiss), the checker resolved
// Mizan's `Req.request` or `Req.signal`, or there are diagnostics (their messages print
// types; errors are the rare path, so they are always the full program's).
import { generate, type Generation } from "../generate.js";
import { requestResolved } from "../host/lean-lib.js";
import { coreInput, loadProject, type LoadedProject } from "../host/project.js";
import type { CoreInput } from "../input/core-input.js";

export interface ColdRun {
  project: LoadedProject;
  input: CoreInput;
  generation: Generation;
  /** Whether the result is the lean program's. */
  lean: boolean;
}

/** MIZAN_FULL_LIB=1 in the environment always uses the full program. */
export function coldRun(tsconfig: string, out: string | undefined, leanLib = !process.env.MIZAN_FULL_LIB): ColdRun {
  const project = loadProject(tsconfig, { leanLib });
  const lean = project.leanLib;
  if (lean) {
    const input = coreInput(project, { out });
    try {
      const generation = generate(input);
      if (generation.diagnostics.length === 0 && !requestResolved(lean)) return { project, input, generation, lean: true };
    } catch {
      // LeanLibMiss; any other fault is the full run's to report.
    }
    project.useFullLib();
  }
  const input = coreInput(project, { out });
  return { project, input, generation: generate(input), lean: false };
}
