// A method's wire signature: the injected `Req`, the named wire parameters
// and the awaited result, each typed by the checker.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Param, Schema, SourceLocation } from "../ir/types.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import { LeanLibMiss, settled, startWalk, TooDeep, typeToSchema, type Position, type SchemaBuilder, type Walk } from "./schema/index.js";
import { annotatedType, isErrorType } from "./schema/builder.js";
import { withoutUndefined } from "./schema/union.js";
import { declaredOutputSchema, schemaValueOf, standardSchemaOf, whyUnimportable } from "./schema/standard-schema.js";
import { locate } from "../scan/location.js";
import type { Signature } from "./drafts.js";

export function readSignature(
  b: SchemaBuilder,
  symbols: MizanSymbols,
  method: TS.MethodDeclaration,
  /** A view path (`route:`): its whole result may be a `Response`, which no call's result may be (it has no JSON form). */
  viewPath: boolean,
  report: (d: Diagnostic) => void,
): Signature {
  const { ts, checker, projectDir } = b;
  const owner = `${(method.parent as TS.ClassLikeDeclaration).name?.text ?? "(anonymous class)"}.${method.name.getText()}`;
  const out: Signature = { takesReq: false, userRequired: false, params: [], paramLocations: {}, unreadable: new Set(), result: { kind: "void" } };
  // A `this:` parameter types the method's receiver; it is not an argument.
  const parameters = method.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === "this"));
  parameters.forEach((parameter, index) => {
    const location = locate(projectDir, parameter);
    const type = checker.getTypeAtLocation(parameter);
    const req = symbols.reqKind(withoutNullish(b, type));
    if (req === undefined && symbols.holdsReq(withoutNullish(b, type))) {
      report(diagnostic("MZ2011", "notPlain", location, checker.typeToString(type)));
      return;
    }
    if (req !== undefined) {
      if (index !== 0) report(diagnostic("MZ2005", "notFirst", location, req));
      else {
        out.takesReq = true;
        out.userRequired = req === "AuthedReq";
      }
      return;
    }
    if (!ts.isIdentifier(parameter.name)) {
      report(diagnostic("MZ2004", "destructuring", location));
      return;
    }
    const name = parameter.name.text;
    if (parameter.dotDotDotToken) {
      report(diagnostic("MZ2004", "rest", location, name));
      return;
    }
    const walk = startWalk(false);
    const what = `${owner} (parameter "${name}")`;
    // What goes wrong reading its type is reported here, once.
    const reportRead = (d: Diagnostic) => {
      out.unreadable.add(name);
      report(d);
    };
    // Declared as a schema's output: the wire carries the schema's input, and the schema validates it.
    const standard = standardSchemaOf(b, parameter.type, type);
    const declaredOptional = parameter.questionToken !== undefined || parameter.initializer !== undefined || admitsUndefined(b, type);
    const by = standard && schemaValueOf(b, standard);
    const validator = by && { ...by, declaredOptional };
    if (standard && !validator) report(diagnostic("MZ2009", "notImportable", location, name, standard.text, whyUnimportable(b, standard)));
    const analyse = (t: TS.Type, w: Walk) => typeToSchema(b, t, w);
    const declared = withoutOwnUndefined(b, (parameter.questionToken || parameter.initializer) && parameter.type ? annotatedType(b, parameter.type) : type);
    // An alias that held `undefined` (`s: MaybeSort`): a caller may leave the argument out, as with `s: Sort | undefined`.
    const ownUndefined = declared !== type && !parameter.questionToken && !parameter.initializer;
    const read = () => (standard ? analyse(standard.input, walk) : (declaredOutputSchema(b, parameter.type, type, walk, analyse) ?? analyse(declared, walk)));
    const { schema, undefinedAllowed } = withoutUndefined(guarded(read, what, location, reportRead));
    const notes = reportProblems(walk, `(parameter "${name}")`, location, reportRead, "parameter", undefined, () => unresolved(b, parameter.type));
    out.params.push({
      name,
      schema,
      // `unknown` and `any` admit undefined too: a caller may leave the argument out.
      optional:
        undefinedAllowed || ownUndefined || schema.kind === "unknown" || parameter.questionToken !== undefined || parameter.initializer !== undefined,
      // The schema's output is the declared type: no cast.
      nominal: notes.nominal && !validator,
      ...(validator ? { validator } : {}),
    });
    out.paramLocations[name] = location;
  });

  const signature = checker.getSignatureFromDeclaration(method);
  if (signature) {
    const returned = checker.getReturnTypeOfSignature(signature);
    const awaited = checker.getAwaitedType(returned) ?? returned;
    const walk = startWalk(viewPath);
    const location = locate(projectDir, method.type ?? method.name);
    out.result = guarded(() => typeToSchema(b, awaited, walk), `${owner} (return)`, location, report);
    reportProblems(walk, "(return)", location, report, "result", method.type ? undefined : INFERRED, () => unresolved(b, method.type));
  }
  return out;
}

/**
 * The analysis of one parameter or result. Whatever goes wrong inside it (a
 * type too deep to follow, or a fault of Mizan's own) becomes a diagnostic
 * that names the function and the parameter; the run goes on.
 */
function guarded(analyse: () => Schema, what: string, location: SourceLocation, report: (d: Diagnostic) => void): Schema {
  try {
    return analyse();
  } catch (error) {
    if (error instanceof LeanLibMiss) throw error;
    if (error instanceof TooDeep) report(diagnostic("MZ2006", "tooDeep", location, what, error.message));
    else report(diagnostic("MZ2006", "internal", location, what, error instanceof Error ? error.message : String(error)));
    return { kind: "unknown" };
  }
}

function admitsUndefined(b: SchemaBuilder, type: TS.Type): boolean {
  const F = b.ts.TypeFlags;
  return (type.isUnion() ? type.types : [type]).some((t) => t.flags & (F.Undefined | F.Void | F.Any | F.Unknown));
}

function withoutNullish(b: SchemaBuilder, type: TS.Type): TS.Type {
  return b.checker.getNonNullableType(type);
}

/** Problems reported one by one at a parameter or result; the rest are named in one more (a library object returned by mistake has dozens). */
const MAX_PROBLEMS = 5;

/** What an unresolved type in a result inferred from the method's body may also be. */
const INFERRED = "the return type is inferred from the method's body, and a type error there (tsc reports it) reads so too; annotate the return type to see which";

function reportProblems(
  walk: Walk,
  root: string,
  location: SourceLocation,
  report: (d: Diagnostic) => void,
  position: Position,
  inferred?: string,
  /** The names the annotation itself uses that resolve to nothing (`ArticlesRO`, once its import broke); asked only for MZ2008. */
  missing: () => readonly string[] = () => [],
) {
  const notes = settled(walk.notes);
  const problems = notes.problems.filter((p) => (p.only ?? position) === position);
  let named: string | undefined;
  const unresolvedText = (): string => (named ??= notFound(missing()));
  for (const p of problems.slice(0, MAX_PROBLEMS)) {
    const text = p.code !== "MZ2008" ? p.message : inferred ? `${p.message}: ${inferred}` : `${p.message}${unresolvedText()}`;
    report(diagnostic(p.code ?? "MZ2001", "problem", location, `${root}${p.path}`, text));
  }
  const rest = problems.slice(MAX_PROBLEMS);
  if (rest.length > 0) {
    const paths = rest.map((p) => p.path || "(itself)").join(", ");
    report(diagnostic(rest[0]!.code ?? "MZ2001", "problem", location, root, `${rest.length} more parts cannot be sent as typed (${paths}): is this the data, or an object that holds it?`));
  }
  return notes;
}

function notFound(names: readonly string[]): string {
  return names.length === 0 ? "" : ` (${names.map((n) => `\`${n}\``).join(", ")} ${names.length === 1 ? "is" : "are"} not found)`;
}

/**
 * The type names an annotation uses that TypeScript cannot find, in order,
 * once each, followed through the aliases and interfaces it names (`Alias =
 * Foo`, `interface Holder { inner: Baz }`): the name that is missing, not the
 * one that holds it.
 */
function unresolved(b: SchemaBuilder, annotation: TS.TypeNode | undefined): string[] {
  const { ts, checker } = b;
  const names = new Set<string>();
  const followed = new Set<TS.Declaration>();
  const visit = (node: TS.Node): void => {
    if (ts.isTypeReferenceNode(node)) {
      const found = checker.getSymbolAtLocation(node.typeName);
      const symbol = found && found.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(found) : found;
      const declarations = (symbol?.declarations ?? []).filter((d) => ts.isTypeAliasDeclaration(d) || ts.isInterfaceDeclaration(d));
      if (declarations.length === 0 && isErrorType(checker.getTypeFromTypeNode(node))) names.add(node.typeName.getText());
      for (const declaration of declarations) {
        if (followed.has(declaration) || followed.size > 50) continue;
        followed.add(declaration);
        visit(declaration);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (annotation !== undefined) visit(annotation);
  return [...names];
}

/**
 * An alias that holds `undefined` itself (`type MaybeSort = Sort | undefined`)
 * as a parameter's type: without the `undefined`, which the parameter's
 * optionality says (named, it would stay in the alias: the argument could
 * not be left out, and a context's query parameter would not read as a
 * scalar). Left as it is when it holds `null`.
 */
function withoutOwnUndefined(b: SchemaBuilder, type: TS.Type): TS.Type {
  const { ts, checker } = b;
  if (!type.isUnion() || type.aliasSymbol === undefined || !type.types.some((t) => t.flags & ts.TypeFlags.Undefined)) return type;
  return type.types.some((t) => t.flags & ts.TypeFlags.Null) ? type : checker.getNonNullableType(type);
}
