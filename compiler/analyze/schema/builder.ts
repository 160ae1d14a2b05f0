// The state of the type analysis: the checker, the named types found so
// far, and problems found, each with a path such as `.range.start`.
import type * as TS from "typescript";
import type { CoreProgram, TypeScript } from "../../input/core-input.js";
import type { Schema } from "../../ir/types.js";
import { relativePosix } from "../../paths/posix.js";
import { AliasNames } from "./alias-names.js";
import { maskedShape } from "./intersection.js";

export interface SchemaProblem {
  /** Relative to where the analysis started: `.range.start`, `[number]`, `[0]`. */
  path: string;
  message: string;
  /** MZ2001 (no JSON form) unless said otherwise. */
  code?: "MZ2007" | "MZ2008" | "MZ2009";
  /**
   * A problem in one position only: a parameter receives parsed JSON, a
   * result is sent as JSON.stringify writes it, and a type may be fine for
   * one and not the other (a class with methods, an interface with methods
   * in a union).
   */
  only?: Position;
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
  /** Anonymous shapes already analysed (`T[]`, `T | null` repeat across signatures), apart and at a view path's result's top. */
  readonly shapes = [new Map<TS.Type, Analysed>(), new Map<TS.Type, Analysed>()] as const;
  /**
   * Anonymous shapes being analysed, with their notes and how many named
   * definitions were open when each began: met again inside themselves with
   * no named type in between, they become named types (a named type in the
   * cycle already ends it with a ref).
   */
  readonly openShapes = new Map<TS.Type, { notes: Notes; defining: number }>();
  /** The names of the named definitions being analysed, outermost first (see namedSchema). */
  readonly defining: string[] = [];

  /** Names for instantiations that an alias imported by the declaring files declares (Prisma's models). */
  readonly aliasNames: AliasNames;

  constructor(
    readonly ts: TypeScript,
    readonly checker: TS.TypeChecker,
    readonly program: CoreProgram,
    readonly projectDir: string,
    /** The project files whose text could hold a declaration (the ones the core walks). */
    declaringFiles: readonly TS.SourceFile[],
    /** How routes.ts imports a project module (`src/schemas.ts`): see paths/import-path.ts. */
    readonly moduleSpecifier: (module: string) => string,
    /** See CoreInput.domGlobals. */
    readonly domGlobals?: ReadonlySet<string>,
  ) {
    this.aliasNames = new AliasNames(ts, checker, declaringFiles, (type) => maskedShape(this, type)?.shape);
  }

  isLibFile(file: TS.SourceFile): boolean {
    return this.program.isSourceFileDefaultLibrary(file) || this.program.isSourceFileFromExternalLibrary(file);
  }

  /**
   * The project-relative path of a file, for sort keys that do not depend on
   * the machine; `../` for a file above the project (a hoisted node_modules).
   */
  relativeFile(file: TS.SourceFile): string {
    const name = file.fileName;
    if (name.startsWith(this.projectDir + "/")) return name.slice(this.projectDir.length + 1);
    return relativePosix(this.projectDir, name);
  }

  /** How many types are being analysed, one inside the other (see typeToSchema). */
  depth = 0;
}

/**
 * More nested types than any declared data shape has: a generic type that
 * expands without end (`type Nest<T> = { next: Nest<[T]> }`) stops here with
 * a diagnostic instead of exhausting the stack.
 */
export const MAX_DEPTH = 400;

/** Thrown past MAX_DEPTH; the signature reader turns it into MZ2006 for the parameter. */
export class TooDeep extends Error {
  /** `where`: the innermost named type being defined there, which is the one that keeps expanding. */
  constructor(where: string) {
    super(`the type nests more than ${MAX_DEPTH} levels deep, inside \`${where}\` (a generic type that expands without end?)`);
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
  /**
   * What was found inside the types used here (analysed once, each with its
   * own notes), at the path where each is used. Followed when the notes are
   * read (see `settled`): a named type used while its own definition is
   * still being analysed (A uses B uses A) has incomplete notes until then.
   */
  links: { notes: Notes; path: string }[];
}

export function emptyNotes(): Notes {
  return { problems: [], nominal: false, links: [] };
}

/**
 * The notes with their links followed, breadth first: each type's problems
 * once, at the shortest path that reaches them, and whether anything
 * reached is nominal.
 */
export function settled(notes: Notes): { problems: SchemaProblem[]; nominal: boolean } {
  const problems: SchemaProblem[] = [];
  let isNominal = false;
  const seen = new Set<Notes>([notes]);
  const queue: { notes: Notes; path: string }[] = [{ notes, path: "" }];
  for (let i = 0; i < queue.length; i++) {
    const { notes: n, path } = queue[i]!;
    if (n.nominal) isNominal = true;
    for (const p of n.problems) problems.push({ ...p, path: path + p.path });
    for (const next of n.links) {
      if (seen.has(next.notes)) continue;
      seen.add(next.notes);
      queue.push({ notes: next.notes, path: path + next.path });
    }
  }
  return { problems, nominal: isNominal };
}

/** One traversal: where findings go, the path so far, and whether `Response` may stand here. */
export interface Walk {
  notes: Notes;
  path: string;
  /** True only at the top of a view path's result, where a `Response` may stand. */
  resultRoot: boolean;
}

export function startWalk(resultRoot: boolean): Walk {
  return { notes: emptyNotes(), path: "", resultRoot };
}

export function child(walk: Walk, segment: string): Walk {
  return { notes: walk.notes, path: walk.path + segment, resultRoot: false };
}

/**
 * An optional member's type, read from its annotation: the checker's adds
 * `undefined`, a union that has lost the annotation's name (`s?: Sort`
 * would read `"asc" | "desc" | undefined`); a written `| undefined` is left
 * out the same way. For an optional member only: its optionality says what
 * the `undefined` said.
 */
export function annotatedType(b: SchemaBuilder, node: TS.TypeNode): TS.Type {
  const { ts, checker } = b;
  if (ts.isUnionTypeNode(node)) {
    const defined = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    if (defined.length === 1) return checker.getTypeFromTypeNode(defined[0]!);
  }
  return checker.getTypeFromTypeNode(node);
}

/** The checker's error type (a name or module that did not resolve): `any` to every other check. */
export function isErrorType(type: TS.Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === "error";
}

export function problem(walk: Walk, message: string, code?: SchemaProblem["code"]): Schema {
  walk.notes.problems.push(code ? { path: walk.path, message, code } : { path: walk.path, message });
  return { kind: "unknown" };
}

export type Position = "parameter" | "result";

/** A problem in one position only (see SchemaProblem.only). */
export function positionProblem(walk: Walk, only: Position, message: string): void {
  walk.notes.problems.push({ path: walk.path, message, only });
}

export interface Analysed {
  schema: Schema;
  /** Problems relative to the type. */
  notes: Notes;
}

/** What was found inside a type, analysed once, is part of this use of it. */
export function replay(walk: Walk, notes: Notes): void {
  if (notes !== walk.notes) walk.notes.links.push({ notes, path: walk.path });
}

export function nominal<T>(walk: Walk, value: T): T {
  walk.notes.nominal = true;
  return value;
}
