// May mizan-gen analyse this program, built without the DOM libraries,
// instead of the full one? Leaving lib.dom.d.ts out (2.3 MB, a third of
// what a small project parses) changes only the meaning of the global names
// the DOM libraries declare (D): such a name resolves to another
// declaration or merges differently (setTimeout returns NodeJS.Timeout
// without DOM and number with it; @types/node's `Request`, `Response` and
// `fetch` test `typeof globalThis` for DOM). So the lean program is used
// only when nothing the analysis may evaluate can resolve a name of D
// (lean-closure.ts), with one exception: Mizan's own `Req` declares
// `request: Request` and `signal?: AbortSignal`. Those references are allowed,
// `request` only when no project file spells the key `request` (the usual
// ways to read it), and the run checks afterwards that the checker resolved
// neither (`requestResolved`). `signal` has no spelling check: a key that
// common would refuse most projects, and a read of it in a body whose
// return type is declared is never evaluated.
import type * as TS from "typescript";
import { ts } from "./typescript.js";
import { ambientModules, NameClosure, type Item } from "./lean-closure.js";
import { DOM_LIB, libGlobals } from "./lean-libs.js";
import { declaredNames, globalBlock, moduleSpecifier } from "./lean-syntax.js";

export interface LeanLib {
  /** D: a type the analysis meets that is one of these globals means the run is redone on the full program. */
  dom: ReadonlySet<string>;
  /** The DOM types Mizan's `Req` names (`Request`, `AbortSignal`), when the project reaches its declarations. */
  allowed: readonly TS.TypeReferenceNode[];
}

/** The members of Mizan's `Req` allowed to name a DOM type, and that type. */
const REQ_MEMBERS: ReadonlyMap<string, string> = new Map([
  ["request", "Request"],
  ["signal", "AbortSignal"],
]);

const JAVASCRIPT = /\.[mc]?jsx?$/;

type ResolvingProgram = TS.Program & {
  getResolvedModule?(file: TS.SourceFile, name: string, mode: TS.ResolutionMode): { resolvedModule?: { resolvedFileName: string } } | undefined;
};

/** The lean program's check: what the run needs to stay sound, or why the full program must be used. */
export function checkLeanProgram(program: TS.Program, removed: readonly string[], isClient: (file: string) => boolean): LeanLib | string {
  const resolving = program as ResolvingProgram;
  if (typeof resolving.getResolvedModule !== "function") return "no module resolution to follow";
  const resolve = (from: TS.SourceFile, specifier: TS.StringLiteralLike): TS.SourceFile | undefined => {
    const resolved = resolving.getResolvedModule!(from, specifier.text, program.getModeForUsageLocation(from, specifier))?.resolvedModule;
    return resolved && program.getSourceFile(resolved.resolvedFileName);
  };
  const files = program.getSourceFiles();
  const libs = new Set(files.filter((file) => program.isSourceFileDefaultLibrary(file)));
  const domLib = [...libs].find((file) => DOM_LIB.test(file.fileName.slice(file.fileName.lastIndexOf("/") + 1)));
  if (domLib) return `${domLib.fileName} is referenced`;
  const lib = libGlobals(program.getCompilerOptions(), [...libs], removed);
  if (lib.conflict) return lib.conflict;

  const globals = new Map<string, Item[]>();
  const ambient = new Map<string, Item[]>();
  const add = (map: Map<string, Item[]>, name: string, item: Item) => map.set(name, [...(map.get(name) ?? []), item]);
  const indexStatements = (statements: readonly TS.Statement[], file: TS.SourceFile, blocks?: readonly TS.ModuleBlock[]) => {
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) add(ambient, statement.name.text, { node: statement, file });
      else for (const name of declaredNames(statement)) add(globals, name, { node: statement, file, ...(blocks ? { blocks } : {}) });
    }
  };
  /** `global { … }` inside `declare module "x" { … }` (how @types/node declares `process`, `Buffer`, the timers): globals too, seeing that body's imports. */
  const indexNestedGlobals = (declaration: TS.Statement, file: TS.SourceFile) => {
    if (!ts.isModuleDeclaration(declaration) || !ts.isStringLiteral(declaration.name) || !declaration.body || !ts.isModuleBlock(declaration.body)) return;
    for (const inner of declaration.body.statements) {
      const statements = globalBlock(inner);
      if (statements) indexStatements(statements, file, [declaration.body]);
    }
  };
  const project = new Set<TS.SourceFile>();
  /**
   * Module augmentations, by the file of the module they augment: they merge
   * into its declarations whatever a file imports it as, so they are walked
   * once anything of that file is; always, when the name resolves to no file
   * (an ambient module, or none).
   */
  const augmentations = new Map<TS.SourceFile | undefined, Item[]>();
  for (const file of files) {
    if (libs.has(file)) continue;
    const external = ts.isExternalModule(file);
    if (!file.isDeclarationFile) {
      // Types in JavaScript come from JSDoc, which the walk does not read; a script's top-level `this` is
      // globalThis; JSX reaches the JSX namespace through an import the file does not spell.
      if (JAVASCRIPT.test(file.fileName)) return `${file.fileName} is JavaScript`;
      if (!external) return `${file.fileName} is not a module`;
      if (file.languageVariant === ts.LanguageVariant.JSX) return `${file.fileName} may hold JSX`;
      if (!program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes("/node_modules/")) {
        project.add(file);
        continue;
      }
    }
    if (!external) indexStatements(file.statements, file);
    for (const statement of file.statements) {
      indexNestedGlobals(statement, file);
      const global = globalBlock(statement);
      if (global) indexStatements(global, file);
      else if (external && ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) {
        const target = resolve(file, statement.name);
        augmentations.set(target, [...(augmentations.get(target) ?? []), { node: statement, file }]);
      }
      else if (ts.isNamespaceExportDeclaration(statement)) add(globals, statement.name.text, { node: file, file });
    }
  }

  const runtime = mizanEntry(project, resolve);
  const members = runtime ? reqMembers(runtime) : new Map<string, TS.PropertySignature>();
  const allowed = [...members.values()].map((member) => member.type as TS.TypeReferenceNode);
  // The checker has not been created: no node has links yet. A TypeScript without node ids leaves nothing to check later.
  if (allowed.some((type) => (type as { id?: unknown }).id !== 0)) return "cannot tell whether Req's members are resolved";
  const request = members.get("request");
  for (const file of files) {
    if (libs.has(file) || file.fileName.includes("/node_modules/")) continue;
    if (spellsRequest(file, runtime === file ? request : undefined)) return `${file.fileName} names the key "request"`;
  }

  const ambientNamed = ambientModules(ambient);
  const closure = new NameClosure(lib.dom, globals, (from, specifier) => {
    closure.push(...ambientNamed(specifier.text));
    const target = resolve(from, specifier);
    if (target && !libs.has(target)) closure.push({ node: target, file: target });
  }, new Set(allowed.map((type) => type.typeName)), (file) => project.has(file) && !isClient(file.fileName), (file) => augmentations.get(file) ?? []);
  for (const name of lib.reached) closure.reachName(name);
  closure.push(...(augmentations.get(undefined) ?? []), ...[...project].map((file) => ({ node: file, file })));
  const found = closure.run();
  return found ?? { dom: lib.dom, allowed };
}

/** Did the checker resolve the type of `Req.request` or `Req.signal`? (It keeps what it resolves in links that give the node an id.) */
export function requestResolved(lean: LeanLib): boolean {
  return lean.allowed.some((type) => (type as { id?: unknown }).id !== 0);
}

/** The file the project's `import … from "mizan"` resolves to. */
function mizanEntry(project: ReadonlySet<TS.SourceFile>, resolve: (from: TS.SourceFile, specifier: TS.StringLiteralLike) => TS.SourceFile | undefined): TS.SourceFile | undefined {
  for (const file of project) {
    for (const statement of file.statements) {
      const specifier = moduleSpecifier(statement);
      const target = specifier?.text === "mizan" ? resolve(file, specifier) : undefined;
      if (target) return target;
    }
  }
  return undefined;
}

/** `request: Request` and `signal?: AbortSignal` in `interface Req` of Mizan's declarations, by name. (Parent pointers are not set before binding.) */
function reqMembers(runtime: TS.SourceFile): Map<string, TS.PropertySignature> {
  const out = new Map<string, TS.PropertySignature>();
  for (const statement of runtime.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== "Req") continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.name || !ts.isIdentifier(member.name)) continue;
      const domType = REQ_MEMBERS.get(member.name.text);
      const type = member.type;
      if (domType && type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === domType && !type.typeArguments) {
        out.set(member.name.text, member);
      }
    }
  }
  return out;
}

/**
 * Does the file spell `request` as a name or a string (a property read, a
 * destructured name, a key type) anywhere but in comments and in the one
 * declaration allowed? Cheap when the text does not hold the word.
 */
function spellsRequest(file: TS.SourceFile, allowed: TS.PropertySignature | undefined): boolean {
  if (!/request/.test(file.text)) return false;
  const visit = (node: TS.Node): boolean => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) return node.text === "request" && node !== allowed?.name;
    // A template piece holding the word may complete the key. (A key built in other ways, as
    // `Exclude<keyof Req, "user">`, is not seen here: requestResolved sees what it reads.)
    if (ts.isTemplateLiteralToken(node)) return node.text.includes("request");
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}
