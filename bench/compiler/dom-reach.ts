// Could leaving the DOM libraries out change mizan-gen's output for this
// project? A probe for issue #15's "lib trick", not used by mizan-gen:
// prints the first reason the lean program could differ and the CPU the
// check took. (What leaving DOM out would save: steps.js on a copy of the
// tsconfig whose `lib` has no DOM entries, in its own process.)
// Run: npm run build && node dist/bench/compiler/dom-reach.js <tsconfig.json>
//
// Leaving lib.dom.d.ts out (2.3 MB) changes only the global names the DOM
// libraries declare (the set D): such a name resolves to another
// declaration or merges differently (setTimeout returns NodeJS.Timeout
// without DOM and number with it; @types/node's `Request`, `Response` and
// `fetch` test `typeof globalThis` for DOM). Evaluation that never resolves
// a name in D, nor reads `globalThis` as a whole, is the same in both
// programs. The check is a name closure, erring towards "reached": every
// project file (bodies included, for inferred return types), the global
// declarations and modules their names and imports lead to, transitively,
// and the lib files (which the checker reaches by itself: Promise, Array,
// the apparent types of primitives).
import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import type * as TS from "typescript";
import { ts } from "../../compiler/host/typescript.js";

const DOM_LIB = /^lib\.dom(?:\.[a-z]+)*\.d\.ts$/;
/** A top-level declaration of a lib file: they start at column 0 (the lib files are generated). */
const LIB_DECLARATION = /^(?:declare\s+)?(?:var|let|const|function|interface|type|namespace|module|class|enum)\s+([A-Za-z_$][\w$]*)/gm;
/** The DOM libraries add members to lib.es5's ImportMeta; the checker looks it up for `import.meta` only. */
const IMPLICIT_IMPORT_META = "ImportMeta";
const LIB_REFERENCE = /^\/\/\/\s*<reference\s+lib="([^"]+)"/gm;

export interface LeanLib {
  /** The options without the DOM libraries. */
  options: TS.CompilerOptions;
  /** The lib files the full options name and the lean ones do not (file names, as in `options.lib`). */
  removed: string[];
}

/** Options without the DOM libraries, or undefined when there are none to leave out. */
export function leanLibOptions(options: TS.CompilerOptions): LeanLib | undefined {
  if (options.noLib) return undefined;
  let lib = options.lib;
  let removed: string[];
  if (lib) {
    removed = lib.filter((name) => DOM_LIB.test(name));
    lib = lib.filter((name) => !DOM_LIB.test(name));
  } else {
    // No `lib`: the target's default, lib.esXXXX.full.d.ts, is lib.esXXXX.d.ts plus the DOM and host libraries.
    const full = ts.getDefaultLibFileName(options);
    if (!full.endsWith(".full.d.ts")) return undefined;
    removed = [full];
    lib = [full.replace(".full.d.ts", ".d.ts")];
  }
  if (removed.length === 0) return undefined;
  return { options: { ...options, lib }, removed };
}

/**
 * The global names declared by the removed lib files and the lib files only
 * they reference (`/// <reference lib>`), found in their text without
 * parsing them. `kept`: the base names of the lib files of the lean program.
 */
export function removedGlobals(libDir: string, removed: readonly string[], kept: ReadonlySet<string>): Set<string> {
  const names = new Set<string>(["globalThis"]);
  const seen = new Set<string>();
  const pending = [...removed];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file) || kept.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(libDir, file), "latin1");
    for (const match of text.matchAll(LIB_REFERENCE)) pending.push(`lib.${match[1]!.toLowerCase()}.d.ts`);
    for (const match of text.matchAll(LIB_DECLARATION)) names.add(match[1]!);
  }
  return names;
}

/** The lib folder of this TypeScript. */
export function libFolder(options: TS.CompilerOptions): string {
  return dirname(ts.getDefaultLibFilePath(options));
}

type ResolvingProgram = TS.Program & {
  getResolvedModule?(file: TS.SourceFile, name: string, mode: TS.ResolutionMode): { resolvedModule?: { resolvedFileName: string } } | undefined;
};

/**
 * The first name in `names` that the analysis of `program` could resolve, or
 * a reason why that cannot be ruled out; undefined when none can be reached.
 */
export function reachedName(program: TS.Program, names: ReadonlySet<string>): string | undefined {
  const resolving = program as ResolvingProgram;
  if (typeof resolving.getResolvedModule !== "function") return "no module resolution to follow";
  const files = program.getSourceFiles();
  const libs = files.filter((file) => program.isSourceFileDefaultLibrary(file));
  const removedLib = libs.find((file) => DOM_LIB.test(file.fileName.slice(file.fileName.lastIndexOf("/") + 1)));
  if (removedLib) return `${removedLib.fileName} is referenced`;

  /** Global declarations outside the lib files, by name; ambient modules by name. */
  type Item = { node: TS.Node; file: TS.SourceFile };
  const globals = new Map<string, Item[]>();
  const ambient = new Map<string, Item[]>();
  const add = (map: Map<string, Item[]>, name: string, node: TS.Node, file: TS.SourceFile) => {
    const items = map.get(name);
    if (items) items.push({ node, file });
    else map.set(name, [{ node, file }]);
  };
  const indexStatements = (statements: readonly TS.Statement[], file: TS.SourceFile) => {
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) add(ambient, statement.name.text, statement, file);
      else for (const name of declaredNames(statement)) add(globals, name, statement, file);
    }
  };
  const pending: Item[] = [];
  const project: TS.SourceFile[] = [];
  for (const file of files) {
    if (libs.includes(file)) continue;
    const external = ts.isExternalModule(file);
    if (!file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/")) {
      // A script's top-level `this` is globalThis; JSX reaches the JSX namespace through an import the file does not spell.
      if (!external) return `${file.fileName} is not a module`;
      if (file.languageVariant === ts.LanguageVariant.JSX) return `${file.fileName} may hold JSX`;
      project.push(file);
      continue;
    }
    if (!external) indexStatements(file.statements, file);
    for (const statement of file.statements) {
      if (ts.isModuleDeclaration(statement) && statement.name.text === "global" && statement.body && ts.isModuleBlock(statement.body)) indexStatements(statement.body.statements, file);
      else if (external && ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) add(ambient, statement.name.text, statement, file);
      else if (ts.isNamespaceExportDeclaration(statement)) add(globals, statement.name.text, file, file);
    }
  }

  const walked = new Set<TS.Node>();
  const reachedNames = new Set<string>();
  const reachName = (name: string) => {
    if (reachedNames.has(name)) return;
    reachedNames.add(name);
    pending.push(...(globals.get(name) ?? []));
  };
  const reachModule = (from: TS.SourceFile, specifier: TS.StringLiteralLike) => {
    const text = specifier.text;
    pending.push(...(ambient.get(text) ?? []));
    for (const [pattern, nodes] of ambient) if (pattern.includes("*") && matchesPattern(pattern, text)) pending.push(...nodes);
    const resolved = resolving.getResolvedModule!(from, text, program.getModeForUsageLocation(from, specifier))?.resolvedModule;
    const target = resolved && program.getSourceFile(resolved.resolvedFileName);
    if (target && !libs.includes(target)) pending.push({ node: target, file: target });
  };
  // The checker may evaluate any declaration of the lib files (it looks up
  // Promise, Array and the apparent types of primitives by itself), and
  // every augmentation of their names.
  for (const lib of libs) {
    for (const statement of lib.statements) {
      for (const name of declaredNames(statement)) {
        if (!names.has(name)) reachName(name);
        // Declared by both: reached only through the one construct known to look it up.
        else if (name !== IMPLICIT_IMPORT_META) return `${name} declared in ${lib.fileName}`;
      }
    }
    pending.push({ node: lib, file: lib });
  }
  // Augmentations of modules by relative path are reached whatever the name resolves to.
  for (const [name, nodes] of ambient) if (name.startsWith(".")) pending.push(...nodes);
  for (const file of project) pending.push({ node: file, file });

  let found: string | undefined;
  // Parent pointers are not set before binding: each node is visited with its parent, and the names its scopes declare.
  const visit = (node: TS.Node, parent: TS.Node | undefined, file: TS.SourceFile, scope: Scope | undefined): void => {
    if (found) return;
    const reference = (name: string) => {
      if (names.has(name)) found = `${name} in ${file.fileName}`;
      else reachName(name);
    };
    if (ts.isIdentifier(node)) {
      if (isReference(node, parent) && !isLocal(node.text, scope)) reference(node.text);
      return;
    }
    // `globalThis.X` is the global X, and `typeof globalThis extends { A: …; B: … }` reads the globals A and B only.
    const global = globalThisMembers(node);
    if (global && !isLocal("globalThis", scope)) {
      for (const name of global.names) reference(name);
      for (const child of global.rest) visit(child, node, file, scope);
      return;
    }
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword && names.has(IMPLICIT_IMPORT_META)) {
      found = `import.meta in ${file.fileName}`;
      return;
    }
    const specifier = moduleSpecifier(node);
    if (specifier) reachModule(file, specifier);
    // Names exported from another module are that module's, not globals.
    if (ts.isExportDeclaration(node) && node.moduleSpecifier) return;
    const declared = scopeNames(node, parent);
    const inner = declared && declared.length > 0 ? { names: new Set(declared), up: scope } : scope;
    // `infer X` names are visible in the true branch only.
    if (ts.isConditionalTypeNode(node)) ts.forEachChild(node, (child) => visit(child, node, file, child === node.trueType ? inner : scope));
    else ts.forEachChild(node, (child) => visit(child, node, file, inner));
  };
  for (let item = pending.pop(); item !== undefined && !found; item = pending.pop()) {
    if (walked.has(item.node)) continue;
    walked.add(item.node);
    visit(item.node, undefined, item.file, undefined);
  }
  return found;
}

function declaredNames(statement: TS.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
    statement.name && ts.isIdentifier(statement.name)
  )
    return [statement.name.text];
  return [];
}

function bindingNames(name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

/**
 * For `globalThis.X` and for a conditional type testing `typeof globalThis`
 * against an object type literal: the global names read, and the parts to
 * visit as usual.
 */
function globalThisMembers(node: TS.Node): { names: string[]; rest: TS.Node[] } | undefined {
  const isGlobalThis = (n: TS.Node) => ts.isIdentifier(n) && n.text === "globalThis";
  if (ts.isQualifiedName(node) && isGlobalThis(node.left)) return { names: [node.right.text], rest: [] };
  if (ts.isPropertyAccessExpression(node) && isGlobalThis(node.expression) && ts.isIdentifier(node.name)) return { names: [node.name.text], rest: [] };
  if (ts.isConditionalTypeNode(node) && ts.isTypeQueryNode(node.checkType) && isGlobalThis(node.checkType.exprName) && ts.isTypeLiteralNode(node.extendsType)) {
    const members = node.extendsType.members;
    if (!members.every((m) => ts.isPropertySignature(m) && ts.isIdentifier(m.name))) return undefined;
    return {
      names: members.map((m) => (m.name as TS.Identifier).text),
      rest: [...members.flatMap((m) => ((m as TS.PropertySignature).type ? [(m as TS.PropertySignature).type!] : [])), node.trueType, node.falseType],
    };
  }
  return undefined;
}

interface Scope {
  names: ReadonlySet<string>;
  up: Scope | undefined;
}

function isLocal(name: string, scope: Scope | undefined): boolean {
  for (let s = scope; s; s = s.up) if (s.names.has(name)) return true;
  return false;
}

/**
 * The names a node declares for its descendants, which therefore never
 * resolve to a global there. It may leave names out (they then count as
 * possible globals, on the safe side), never add one that is not local:
 * `var` in a block counts for that block only, scripts and `declare global`
 * declare globals.
 */
function scopeNames(node: TS.Node, parent: TS.Node | undefined): string[] | undefined {
  if (ts.isSourceFile(node)) return ts.isExternalModule(node) ? statementNames(node.statements) : undefined;
  if (ts.isModuleBlock(node)) return parent && ts.isModuleDeclaration(parent) && parent.name.text === "global" && !ts.isStringLiteral(parent.name) ? undefined : statementNames(node.statements);
  if (ts.isBlock(node)) return statementNames(node.statements);
  if (ts.isCaseBlock(node)) return statementNames(node.clauses.flatMap((clause) => clause.statements));
  if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const init = ts.isForStatement(node) ? node.initializer : node.initializer;
    return init && ts.isVariableDeclarationList(init) ? init.declarations.flatMap((d) => bindingNames(d.name)) : undefined;
  }
  if (ts.isCatchClause(node)) return node.variableDeclaration ? bindingNames(node.variableDeclaration.name) : undefined;
  if (ts.isMappedTypeNode(node)) return [node.typeParameter.name.text];
  if (ts.isConditionalTypeNode(node)) return inferNames(node.extendsType);
  const names: string[] = [];
  const withTypeParameters = node as TS.Node & { typeParameters?: TS.NodeArray<TS.TypeParameterDeclaration> };
  for (const parameter of withTypeParameters.typeParameters ?? []) names.push(parameter.name.text);
  if (ts.isFunctionLike(node)) for (const parameter of node.parameters) names.push(...bindingNames(parameter.name));
  return names;
}

function statementNames(statements: readonly TS.Statement[]): string[] {
  return statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) return [];
      const bindings = clause.namedBindings;
      return [
        ...(clause.name ? [clause.name.text] : []),
        ...(!bindings ? [] : ts.isNamespaceImport(bindings) ? [bindings.name.text] : bindings.elements.map((e) => e.name.text)),
      ];
    }
    if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
    return declaredNames(statement);
  });
}

/** `infer X` names of a conditional type's extends clause (not those of conditional types nested in it). */
function inferNames(node: TS.Node): string[] {
  if (ts.isInferTypeNode(node)) return [node.typeParameter.name.text];
  if (ts.isConditionalTypeNode(node)) return [];
  const names: string[] = [];
  ts.forEachChild(node, (child) => void names.push(...inferNames(child)));
  return names;
}

/** The string literal naming a module, for imports, exports, import types, `import()` and `require()`. */
function moduleSpecifier(node: TS.Node): TS.StringLiteralLike | undefined {
  let specifier: TS.Node | undefined;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
  else if (ts.isExternalModuleReference(node)) specifier = node.expression;
  else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
  else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require")))
    specifier = node.arguments[0];
  return specifier && ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/**
 * Could this identifier be looked up in scope (and so reach a global)? Not
 * when it names a member, a declaration, a label or a module's export; any
 * other position counts, which errs on the side of the full program.
 */
function isReference(node: TS.Identifier, parent: TS.Node | undefined): boolean {
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === node;
  if (ts.isQualifiedName(parent)) return parent.left === node;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isNamespaceExport(parent)) return false;
  if (ts.isExportSpecifier(parent)) return (parent.propertyName ?? parent.name) === node;
  if (ts.isBindingElement(parent)) return parent.propertyName !== node && parent.name !== node;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent) || ts.isMetaProperty(parent) || ts.isJsxAttribute(parent)) return false;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  const named = parent as TS.Node & { name?: TS.Node };
  return named.name !== node;
}

function matchesPattern(pattern: string, text: string): boolean {
  const star = pattern.indexOf("*");
  return text.length >= pattern.length - 1 && text.startsWith(pattern.slice(0, star)) && text.endsWith(pattern.slice(star + 1));
}

const tsconfig = process.argv[2];
if (tsconfig) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const lean = parsed && leanLibOptions(parsed.options);
  if (!parsed) {
    console.log(`cannot read ${tsconfig}`);
  } else if (!lean) {
    console.log("no DOM library to leave out");
  } else {
    const cpu = () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    const host = ts.createCompilerHost(lean.options);
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: lean.options, host });
    const kept = new Set(program.getSourceFiles().filter((f) => program.isSourceFileDefaultLibrary(f)).map((f) => f.fileName.slice(f.fileName.lastIndexOf("/") + 1)));
    let started = cpu();
    const names = removedGlobals(libFolder(parsed.options), lean.removed, kept);
    const namesMs = Math.round(cpu() - started);
    started = cpu();
    const reached = reachedName(program, names);
    const checkMs = Math.round(cpu() - started);
    console.log(`DOM globals: ${names.size} (${namesMs} ms from the lib text)`);
    console.log(`reached: ${reached ?? "nothing: the lean program gives the same output"} (${checkMs} ms)`);
  }
}
