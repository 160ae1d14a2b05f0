// A parameter declared as what a schema value outputs: `z.infer<typeof
// CreateUser>`, `z.output<…>`, valibot's `v.InferOutput<…>`, ArkType's
// `typeof CreateUser.infer`, or an alias of one; any schema that implements
// Standard Schema (`~standard`) counts. Its type says nothing of the schema's
// refinements (`.email()`, `.int()`, `.uuid()` behind a brand), so the route
// table validates that parameter with the schema itself, and the wire carries
// the schema's input type.
import type * as TS from "typescript";
import type { Schema, SchemaValue } from "../../ir/types.js";
import type { TypeScript } from "../../input/core-input.js";
import { makeUnion } from "../../ir/make-union.js";
import { exportNameOf, exportsOf, importSpecifier, ownerPackage, resolvesFromProject } from "./import-specifier.js";
import { aliasTarget } from "../../scan/alias-target.js";
import { modulePath } from "../../scan/location.js";
import { arrayElement, isReadonlyArray } from "./array.js";
import { child, emptyNotes, problem, settled, type SchemaBuilder, type Walk } from "./builder.js";
import { withoutUndefined } from "./union.js";

export interface StandardSchemaParam {
  /** The variable the schema is read from, where it is declared. */
  declaration: TS.VariableDeclaration;
  /** The members from the variable to the schema (`Filters.shape.page`: shape, page); empty for the variable itself. */
  path: string[];
  /** How the source spells it. */
  text: string;
  /** What the schema takes: the type the wire and the client carry. */
  input: TS.Type;
}

/** Aliases followed from the parameter's type annotation to the schema's `typeof`. */
const MAX_ALIASES = 16;

/**
 * The schema a parameter's declared type is the output of, when its
 * annotation names one (through aliases) and the checker agrees that the
 * declared type and the schema's output are the same type.
 */
export function standardSchemaOf(b: SchemaBuilder, annotation: TS.TypeNode | undefined, declared: TS.Type): StandardSchemaParam | undefined {
  const { ts, checker } = b;
  let node = annotation;
  for (let hops = 0; node && hops < MAX_ALIASES; hops++) {
    if (ts.isParenthesizedTypeNode(node)) {
      node = node.type;
      continue;
    }
    // ArkType's `typeof S.infer`: a member of the schema that holds its output type.
    if (ts.isTypeQueryNode(node)) return ts.isQualifiedName(node.exprName) ? fromSchema(b, node.exprName.left, declared) : undefined;
    if (!ts.isTypeReferenceNode(node)) return undefined;
    const [argument, ...more] = node.typeArguments ?? [];
    if (argument && more.length === 0 && ts.isTypeQueryNode(argument)) return fromSchema(b, argument.exprName, declared);
    if (argument) return undefined;
    const alias = resolved(b, checker.getSymbolAtLocation(node.typeName))?.declarations?.find(ts.isTypeAliasDeclaration);
    if (!alias || alias.typeParameters) return undefined;
    node = alias.type;
  }
  return undefined;
}

/**
 * A value declared as a schema's output inside a parameter's type: a
 * property (`member: z.infer<typeof Member>`), an array's element
 * (`z.infer<typeof Line>[]`), a member of a union (`… | null`), through
 * aliases. `node` is the annotation that declares `type`; undefined when it
 * names no schema there, and the type is analysed as usual. What the schema
 * outputs is analysed apart: the server holds it, the wire never carries it,
 * so its problems are a result's only.
 */
export function declaredOutputSchema(
  b: SchemaBuilder,
  node: TS.TypeNode | undefined,
  type: TS.Type,
  walk: Walk,
  analyse: (type: TS.Type, walk: Walk) => Schema,
  aliases = new Set<TS.TypeAliasDeclaration>(),
): Schema | undefined {
  const { ts, checker } = b;
  while (node && ts.isParenthesizedTypeNode(node)) node = node.type;
  if (!node) return undefined;
  const standard = standardSchemaOf(b, node, type);
  if (standard) {
    const by = schemaValueOf(b, standard);
    if (!by) return problem(walk, `declared as the output of \`${standard.text}\`, which the route table cannot import: ${whyUnimportable(b, standard)}`, "MZ2009");
    const input = analyse(standard.input, walk);
    const outputWalk: Walk = { notes: emptyNotes(), path: walk.path, resultRoot: false };
    const output = withoutUndefined(analyse(type, outputWalk));
    for (const p of settled(outputWalk.notes).problems) if (p.only !== "parameter") walk.notes.problems.push({ ...p, only: "result" });
    const validated: Schema = { kind: "validated", input, output: output.schema, by };
    return output.undefinedAllowed ? makeUnion([validated, { kind: "void" }]) : validated;
  }
  const element = arrayElementNode(ts, node);
  // The array itself, without the undefined of a `?` (which the key's or parameter's optionality says).
  const arrayType = element && (type.isUnion() ? type.types : [type]).find((t) => arrayElement(b, t));
  const elementType = arrayType && arrayElement(b, arrayType);
  if (arrayType && elementType) {
    const schema = declaredOutputSchema(b, element!, elementType, child(walk, "[number]"), analyse, aliases);
    if (!schema) return undefined;
    return isReadonlyArray(b, arrayType) ? { kind: "array", element: schema, readonly: true } : { kind: "array", element: schema };
  }
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.map((member) => ({ member, type: checker.getTypeFromTypeNode(member) }));
    const found = members.map(({ member, type }) => declaredOutputSchema(b, member, type, walk, analyse, aliases));
    if (found.every((f) => f === undefined)) return undefined;
    return makeUnion(members.map(({ type }, i) => found[i] ?? analyse(type, walk)));
  }
  // An alias of any of these (`type Lines = z.infer<typeof Line>[]`); once each, as an alias may recur.
  const alias = ts.isTypeReferenceNode(node) && !node.typeArguments ? resolved(b, checker.getSymbolAtLocation(node.typeName))?.declarations?.find(ts.isTypeAliasDeclaration) : undefined;
  if (!alias || alias.typeParameters || aliases.has(alias)) return undefined;
  return declaredOutputSchema(b, alias.type, type, walk, analyse, new Set([...aliases, alias]));
}

/** `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`: T's node. */
function arrayElementNode(ts: TypeScript, node: TS.TypeNode): TS.TypeNode | undefined {
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return arrayElementNode(ts, node.type);
  if (ts.isArrayTypeNode(node)) return node.elementType;
  if (!ts.isTypeReferenceNode(node) || node.typeArguments?.length !== 1 || !ts.isIdentifier(node.typeName)) return undefined;
  return node.typeName.text === "Array" || node.typeName.text === "ReadonlyArray" ? node.typeArguments[0] : undefined;
}

/**
 * How routes.ts imports the schema: its module and export name. Undefined
 * when it cannot (not exported, or a package's file no specifier reaches).
 */
export function schemaValueOf(b: SchemaBuilder, { declaration, path }: StandardSchemaParam): SchemaValue | undefined {
  const { ts, checker, projectDir } = b;
  const own = ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  const exportName = exportNameOf(ts, checker, declaration, own);
  if (exportName === undefined) return undefined;
  const file = declaration.getSourceFile();
  const imported = importSpecifier(b, file, declaration, exportName);
  const local = file.fileName.startsWith(projectDir + "/") && !file.fileName.includes("/node_modules/");
  if (imported === null && !local) return undefined;
  const module = modulePath(projectDir, file.fileName);
  return { module, specifier: imported?.specifier ?? b.moduleSpecifier(module), exportName, importName: imported?.name ?? exportName, path };
}

/** Why the route table cannot import a schema `schemaValueOf` found no import for (MZ2009). */
export function whyUnimportable(b: SchemaBuilder, { declaration }: StandardSchemaParam): string {
  const { ts, checker, projectDir } = b;
  const own = ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  if (exportNameOf(ts, checker, declaration, own) === undefined) {
    return exportsOf(ts, checker, declaration).length > 0 ? "its module exports it as a type only (`export type`)" : "its module does not export it";
  }
  const fileName = declaration.getSourceFile().fileName;
  const where = modulePath(projectDir, fileName);
  const owner = ownerPackage(b, fileName);
  if (owner === undefined) return `its module (${where}) is outside the project, and no import of it resolves from the project: add a \`paths\` entry for it`;
  if (!resolvesFromProject(b, owner.name)) {
    return `its package, "${owner.name}" (${where}), does not resolve from the project: add it to the project's dependencies, or a \`paths\` entry`;
  }
  return `its package, "${owner.name}", exports neither its module (${where}) nor, from its entry, the schema: export it from the entry, or map the module in the package's \`exports\``;
}

/** The schema `typeof` names (a variable, or a member of one: `Filters.shape.page`), when the declared type is its output. */
function fromSchema(b: SchemaBuilder, name: TS.EntityName, declared: TS.Type): StandardSchemaParam | undefined {
  const { ts, checker } = b;
  const path: string[] = [];
  let root = name;
  for (; ts.isQualifiedName(root); root = root.left) path.unshift(root.right.text);
  const declaration = resolved(b, checker.getSymbolAtLocation(root))?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return undefined;
  const types = standardTypes(b, checker.getTypeAtLocation(name));
  if (!types || !isOutput(b, declared, types.output)) return undefined;
  return { declaration, path, text: name.getText(), input: types.input };
}

/**
 * The declared type is the schema's output: each is assignable to the
 * other, but for the `undefined` an optional parameter (`?`) adds.
 */
function isOutput(b: SchemaBuilder, declared: TS.Type, output: TS.Type): boolean {
  const { checker } = b;
  const defined = (declared.isUnion() ? declared.types : [declared]).filter((t) => !(t.flags & b.ts.TypeFlags.Undefined));
  return checker.isTypeAssignableTo(output, declared) && defined.length > 0 && defined.every((t) => checker.isTypeAssignableTo(t, output));
}

/** `schema["~standard"]["types"]`'s input and output, as Standard Schema v1 declares them. */
function standardTypes(b: SchemaBuilder, schema: TS.Type): { input: TS.Type; output: TS.Type } | undefined {
  const { checker } = b;
  const property = (type: TS.Type, name: string) => {
    const symbol = checker.getPropertyOfType(checker.getNonNullableType(type), name);
    return symbol && checker.getTypeOfSymbol(symbol);
  };
  const standard = property(schema, "~standard");
  const types = standard && property(standard, "types");
  const input = types && property(types, "input");
  const output = types && property(types, "output");
  return input && output ? { input, output } : undefined;
}

function resolved(b: SchemaBuilder, symbol: TS.Symbol | undefined): TS.Symbol | undefined {
  return symbol && aliasTarget(b.ts, b.checker, symbol);
}
