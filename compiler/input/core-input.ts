// What a host hands the core: its own `ts` namespace (mizan-gen loads the
// project's typescript, tspc runs the one it patched; node identity may
// differ between two copies, so the core never imports typescript), the
// program, and the project's settings.
import type * as TS from "typescript";
import type { MizanOptions } from "./options.js";

export type TypeScript = typeof TS;

/**
 * What the core reads of a program. A host's program comes from its own
 * copy of TypeScript: naming only these members keeps
 * the two copies' types comparable without comparing all of `ts.Program`.
 */
export type CoreProgram = Pick<
  TS.Program,
  | "getTypeChecker"
  | "getSourceFiles"
  | "getSourceFile"
  | "getCompilerOptions"
  | "getSyntacticDiagnostics"
  | "isSourceFileDefaultLibrary"
  | "isSourceFileFromExternalLibrary"
>;

export interface CoreInput {
  ts: TypeScript;
  program: CoreProgram;
  /** Absolute posix path of the folder holding tsconfig.json. */
  projectDir: string;
  options: MizanOptions;
  /**
   * Set when the program was built without the DOM libraries: the globals
   * they declare. A type among them stops the analysis (LeanLibMiss), and
   * the host runs it again on the full program.
   */
  domGlobals?: ReadonlySet<string>;
  /**
   * Whether the project's own build checks nulls, when the host analyses
   * with checks it turned on (mizan-gen does: validate/null-checks.ts).
   * Otherwise the program's own setting.
   */
  buildChecksNulls?: boolean;
}
