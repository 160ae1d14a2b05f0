// The state of pass 2's type analysis: the checker, the named types found so
// far, and problems found, each with a path such as `.range.start`.
import type * as TS from "typescript";
import type { TypeScript } from "../../host/input.js";
import type { Schema } from "../../ir/types.js";

export interface SchemaProblem {
  /** Relative to where the analysis started: `.range.start`, `[number]`, `[0]`. */
  path: string;
  message: string;
}

/** A named type (interface, class, enum, alias): emitted once, referred to by `ref`. */
export interface NamedEntry {
  /** Placeholder used in refs until the final, deterministic names are chosen. */
  id: string;
  /** What the final name is built from: the symbol name, or the instantiation's text. */
  baseName: string;
  /** Sort key for choosing among equal base names: declaration file, position, type text. */
  order: string;
  schema: Schema | undefined;
  /** Problems inside the type, relative to it; repeated at every use. */
  problems: SchemaProblem[];
}

export class SchemaBuilder {
  readonly named = new Map<TS.Type, NamedEntry>();

  constructor(
    readonly ts: TypeScript,
    readonly checker: TS.TypeChecker,
    readonly program: TS.Program,
    readonly projectDir: string,
  ) {}

  isLibFile(file: TS.SourceFile): boolean {
    return this.program.isSourceFileDefaultLibrary(file) || this.program.isSourceFileFromExternalLibrary(file);
  }

  /** The project-relative path of a file, for sort keys that do not depend on the machine. */
  relativeFile(file: TS.SourceFile): string {
    const name = file.fileName;
    return name.startsWith(this.projectDir + "/") ? name.slice(this.projectDir.length + 1) : name;
  }
}

/** One traversal: where problems go, and whether `Response`/`void` may stand here. */
export interface Walk {
  problems: SchemaProblem[];
  path: string;
  /** True only at the top of a function's result. */
  resultRoot: boolean;
}

export function child(walk: Walk, segment: string): Walk {
  return { problems: walk.problems, path: walk.path + segment, resultRoot: false };
}

export function problem(walk: Walk, message: string): Schema {
  walk.problems.push({ path: walk.path, message });
  return { kind: "unknown" };
}
