// What a host hands the core: its own `ts` namespace (mizan-gen loads the
// project's typescript, tspc runs the one it patched; node identity may
// differ between two copies, so the core never imports typescript), the
// program, and the project's settings.
import type * as TS from "typescript";
import type { MizanOptions } from "../options.js";

export type TypeScript = typeof TS;

export interface CoreInput {
  ts: TypeScript;
  program: TS.Program;
  /** Absolute posix path of the folder holding tsconfig.json. */
  projectDir: string;
  options: MizanOptions;
}
