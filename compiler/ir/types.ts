// The IR: plain, sorted, serialisable data. Analysis builds it, validation
// reads it, templates turn it into text. Nothing in here refers to a
// TypeScript node or type, so two hosts produce equal IR for equal input.
import type { HttpMethod } from "../../runtime/index.js";
import type { PROTOCOL_VERSION, RenderStrategy } from "../../runtime/protocol/index.js";

/** A place in the user's source: project-relative posix path, 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A template literal type's check: its regular expression (without anchors), and the type as written, for messages. */
export interface StringPattern {
  regex: string;
  form: string;
}

/** What a value looks like on the wire (JSON), one kind per TypeScript type shape. */
export type Schema =
  /** `pattern`: a template literal type's check; the string must match it whole. */
  | { kind: "string"; pattern?: StringPattern }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "null" }
  | { kind: "unknown" }
  /** `void`/`undefined` results: `null` on the wire. */
  | { kind: "void" }
  | { kind: "literal"; value: string | number | boolean }
  /** A `Date`: an ISO 8601 string on the wire. */
  | { kind: "date" }
  /**
   * `readonly`: declared `readonly T[]`/`ReadonlyArray<T>` (or a readonly
   * tuple). The wire is the same; the route table's output type keeps it, so
   * a cast to a declared type holding brands stays a valid conversion.
   */
  | { kind: "array"; element: Schema; readonly?: true }
  | { kind: "tuple"; elements: TupleElement[]; rest: Schema | null; readonly?: true }
  /** `keys`: the pattern every key matches (an index signature over numbers or a template literal). */
  | { kind: "object"; properties: Property[]; additional: Schema | null; keys?: StringPattern }
  /** Members sorted by `schemaKey`; never nested, never a single member. */
  | { kind: "union"; members: Schema[] }
  /** A named type in `ProjectIR.types`; recursion goes through refs. */
  | { kind: "ref"; name: string }
  /**
   * A shape whose `absent` keys (sorted) must not be sent: one side of an
   * XOR (`Without<A, B> & B`). The wire is the shape's, whose strict object
   * refuses them; the client's type spells them `?: never`, so that a value
   * mixing both sides does not compile either.
   */
  | { kind: "masked"; shape: Schema; absent: string[] }
  /** A web `Response` returned by a view path: passed through untouched. */
  | { kind: "response" }
  /**
   * A value declared as an app schema's output inside a parameter's type
   * (`lines: z.infer<typeof Line>[]`): the wire carries `input` (the
   * schema's input type), the schema validates it, and the server holds
   * `output` (the declared type). A parameter declared so at its top is
   * `Param.validator` instead, which also decides what a left-out value is.
   */
  | { kind: "validated"; input: Schema; output: Schema; by: SchemaValue };

export interface Property {
  name: string;
  schema: Schema;
  optional: boolean;
}

export interface TupleElement {
  schema: Schema;
  optional: boolean;
}

export interface NamedType {
  name: string;
  schema: Schema;
  /** client.ts's twin for what the client sends (a Date may be a string): set when the type holds a Date. */
  inputName: string | null;
  /** routes.ts's const holding the type's zod schema (and, for a recursive type, its declared type). */
  schemaName: string;
}

export interface Param {
  name: string;
  schema: Schema;
  optional: boolean;
  /** The declared type is nominal (enum, brand, class...): the route table casts the validated value to it. */
  nominal: boolean;
  /**
   * The declared type is a schema value's output (`z.infer<typeof S>`): the
   * route table validates with S, after reading the wire as `schema`, which
   * is then S's input type.
   */
  validator?: Validator;
}

/** A schema value exported by a module of the project (or a package), that routes.ts imports. */
export interface SchemaValue {
  module: string;
  /** As FunctionIR.specifier. */
  specifier: string;
  exportName: string;
  /** As FunctionIR.importName. */
  importName: string;
  /** Members from the export to the schema (`Filters.shape.page`: shape, page); empty for the export itself. */
  path: string[];
}

/** The schema value a parameter is declared from. */
export interface Validator extends SchemaValue {
  /**
   * The parameter is declared optional: a value left out reaches the
   * function as undefined, unvalidated. Otherwise the schema sees it too (a
   * `.default()` fills it in).
   */
  declaredOptional: boolean;
}

/** One target a mutation invalidates, with the parameters that scope it (Tier 1). */
export interface Affect {
  context: string;
  fn: string | null;
  /** Names of the mutation's parameters that are also the context's; sorted. Empty: broad. */
  scope: string[];
}

export interface FunctionIR {
  /** The wire name: the method name, unique in the project. */
  name: string;
  /** The module (project-relative posix path of the source file) and the class's export name in it. */
  module: string;
  /** How routes.ts imports the module: a path relative to the out folder (`.js`), a package name or a `paths` alias. */
  specifier: string;
  exportName: string;
  /**
   * The name the specifier's module exports it under: exportName, or the
   * other name a package publishes it under (`export { UsersApi as Users }`),
   * imported as `Users as UsersApi`.
   */
  importName: string;
  takesReq: boolean;
  /** Wire parameters in declared order. */
  params: Param[];
  result: Schema;
  context: string | null;
  affects: Affect[];
  private: boolean;
  /** `@client({ requireUser })`, or null when not declared (the handler's option applies). */
  requireUser: boolean | null;
  route: string | null;
  methods: HttpMethod[];
  location: SourceLocation;
}

export interface ContextIR {
  name: string;
  /** Functions of the bundle (view paths excluded), sorted. */
  functions: string[];
  /** The union of the bundle's parameters, sorted by name; optional unless some function requires it. */
  params: Param[];
  renderStrategy: RenderStrategy;
  userScoped: boolean;
  /** `viewUrls` of the context and routes of view paths that render it, sorted. */
  pageRoutes: string[];
  location: SourceLocation;
}

/** The generated files' own identifiers, chosen by compiler/naming clear of the user's names. */
export interface EmittedNames {
  /** client.ts's local names of mizan/client's `endpoint` and `ContextRef`, and of the endpoint it makes. */
  client: { endpoint: string; api: string; contextRef: string };
  /** routes.ts's local name of each class it imports, sorted by module then export name. */
  classes: ImportedName[];
  /** routes.ts's local name of each schema value parameters are validated with, sorted likewise. */
  validators: ImportedName[];
  /**
   * routes.ts's name of each named type's input declaration, by type name:
   * what a caller sends, written for the recursive ones (their z.lazy is
   * typed by it, and `Routes` names it).
   */
  typeInputs: ReadonlyMap<string, string>;
}

export interface ImportedName {
  module: string;
  exportName: string;
  local: string;
}

export interface ProjectIR {
  version: typeof PROTOCOL_VERSION;
  basePath: string;
  contexts: ContextIR[];
  functions: FunctionIR[];
  types: NamedType[];
  names: EmittedNames;
  /**
   * Whether the build that compiles the generated files checks nulls
   * (strictNullChecks). Without, zod's types in routes.ts do not hold, and
   * the file is left unchecked (validate/null-checks.ts).
   */
  nullChecks: boolean;
}
