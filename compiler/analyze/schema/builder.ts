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
  /** Identifies the type across runs (see named.ts `typeKey`); refs hold it until final names are chosen. */
  id: string;
  /** What the final name is built from: the symbol name, or the instantiation's text. */
  baseName: string;
  schema: Schema | undefined;
  /** What was found inside the type (problems relative to it); repeated at every use. */
  notes: Notes;
}

export class SchemaBuilder {
  readonly named = new Map<TS.Type, NamedEntry>();
  readonly byId = new Map<string, NamedEntry>();
  /** Anonymous shapes already analysed (`T[]`, `T | null` repeat across signatures), apart and at a result's top. */
  readonly shapes = [new Map<TS.Type, Analysed>(), new Map<TS.Type, Analysed>()] as const;

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

/** What one traversal finds besides the schema. */
export interface Notes {
  problems: SchemaProblem[];
  /**
   * The type is nominal somewhere (an enum, a branded primitive, a template
   * literal, a class): a validated wire value fits it at run time, but the
   * compiler cannot see that, so the route table casts it.
   */
  nominal: boolean;
}

/** One traversal: where findings go, the path so far, and whether `Response` may stand here. */
export interface Walk {
  notes: Notes;
  path: string;
  /** True only at the top of a function's result. */
  resultRoot: boolean;
}

export function startWalk(resultRoot: boolean): Walk {
  return { notes: { problems: [], nominal: false }, path: "", resultRoot };
}

export function child(walk: Walk, segment: string): Walk {
  return { notes: walk.notes, path: walk.path + segment, resultRoot: false };
}

export function problem(walk: Walk, message: string): Schema {
  walk.notes.problems.push({ path: walk.path, message });
  return { kind: "unknown" };
}

export interface Analysed {
  schema: Schema;
  /** Problems relative to the type. */
  notes: Notes;
}

/** Repeats what was found inside a type, analysed once, at this use of it. */
export function replay(walk: Walk, notes: Notes): void {
  for (const p of notes.problems) walk.notes.problems.push({ path: walk.path + p.path, message: p.message });
  if (notes.nominal) walk.notes.nominal = true;
}

export function nominal<T>(walk: Walk, value: T): T {
  walk.notes.nominal = true;
  return value;
}
