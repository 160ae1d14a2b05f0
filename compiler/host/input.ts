// What a host hands the core: its own `ts` namespace (ts-morph bundles one,
// tspc runs the user's; node identity differs between them, so the core
// never imports typescript), the program, and the project's settings.
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
