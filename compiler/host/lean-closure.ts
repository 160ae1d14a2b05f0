// The name closure: every global name that anything the analysis may
// evaluate could resolve, from the project files (bodies included, for
// inferred return types; see skippedBody) through the global declarations and modules their
// names and imports lead to, transitively. It errs towards "reached": a
// name counts unless an enclosing scope declares it. It stops at the first
// name of `dom` (the globals the DOM libraries declare), whose meaning the
// lean program could change.
import type * as TS from "typescript";
import { ts } from "./typescript.js";
import { starMatch } from "../paths/pattern.js";
import { globalThisMembers, isReference, moduleSpecifier, scopeNames, statementNames } from "./lean-syntax.js";

export type Item = {
  node: TS.Node;
  file: TS.SourceFile;
  /**
   * The bodies (`declare module "x" { … }`, `namespace N { … }`) the node
   * sits in, outermost first, when it is walked alone from inside them: their
   * imports and declarations are in its scope.
   */
  blocks?: readonly TS.ModuleBlock[];
};

interface Scope {
  names: ReadonlySet<string>;
  up: Scope | undefined;
  /** A module file's top level, or a body, seen from one of its statements walked alone: a name used walks its declarations. */
  container?: TS.SourceFile | TS.ModuleBlock;
  /** The bodies down to `container` (an Item's `blocks` for its statements). */
  blocks?: readonly TS.ModuleBlock[];
}

/** The DOM libraries add members to lib.es5's ImportMeta; the checker looks it up for `import.meta` only. */
export const IMPLICIT_IMPORT_META = "ImportMeta";

export class NameClosure {
  readonly reachedNames = new Set<string>();
  /** The first name of `dom` reached (with where), once found. */
  found: string | undefined;
  private readonly pending: Item[] = [];
  private readonly walked = new Set<TS.Node>();
  /** The files any item of which has been walked. */
  private readonly files = new Set<TS.SourceFile>();
  /** `N.M` of the namespace members reached alone (see reachMember). */
  private readonly reachedMembers = new Set<string>();
  private readonly topLevel = new Map<TS.SourceFile | TS.ModuleBlock, Map<string, TS.Statement[]>>();
  /** Where each file whose annotated bodies are skipped spells `@` or `defineContext` (ascending offsets). */
  private readonly marks = new Map<TS.SourceFile, number[]>();

  constructor(
    private readonly dom: ReadonlySet<string>,
    /** Global declarations outside the lib files, by name. */
    private readonly globals: ReadonlyMap<string, Item[]>,
    private readonly reachModule: (from: TS.SourceFile, specifier: TS.StringLiteralLike) => void,
    /** The references to names of `dom` that are allowed (Mizan's `Req.request` and `Req.signal`; see lean-lib.ts). */
    private readonly allowed: ReadonlySet<TS.Node> = new Set(),
    /** Files whose annotated function bodies need no walk: every file but the client files (their calls are resolved). */
    private readonly skipsBodies: (file: TS.SourceFile) => boolean = () => false,
    /** What else a file brings once anything in it is walked: the augmentations of its module, which merge into its declarations. */
    private readonly withFile: (file: TS.SourceFile) => readonly Item[] = () => [],
  ) {}

  push(...items: Item[]): void {
    this.pending.push(...items);
  }

  reachName(name: string): void {
    if (this.reachedNames.has(name)) return;
    this.reachedNames.add(name);
    this.pending.push(...(this.globals.get(name) ?? []));
  }

  /** Walks what is pending; the first name of `dom` reached, or undefined. */
  run(): string | undefined {
    for (let item = this.pending.pop(); item !== undefined && !this.found; item = this.pending.pop()) {
      if (this.walked.has(item.node)) continue;
      this.walked.add(item.node);
      if (!this.files.has(item.file)) {
        this.files.add(item.file);
        this.pending.push(...this.withFile(item.file));
      }
      // A statement of a module file walked alone (a `declare global` member,
      // an augmentation) sees the file's imports and declarations, and one
      // inside a `declare module` body those of that body too.
      let scope = item.node !== item.file && ts.isExternalModule(item.file) ? this.scopeOf(item.file, undefined, []) : undefined;
      const blocks = item.blocks ?? [];
      for (let i = 0; i < blocks.length; i++) scope = this.scopeOf(blocks[i]!, scope, blocks.slice(0, i + 1));
      this.visit(item.node, undefined, item.file, scope);
    }
    return this.found;
  }

  private scopeOf(container: TS.SourceFile | TS.ModuleBlock, up: Scope | undefined, blocks: readonly TS.ModuleBlock[]): Scope {
    return { names: new Set(this.declarations(container).keys()), up, container, blocks };
  }

  /**
   * `N.M` for a global namespace N: only M's declarations in N's bodies
   * (with N's other members in their scope), not all of N (@types/node's
   * `NodeJS` holds hundreds of members, some naming DOM globals). All of N
   * when some declaration of N is not a namespace body or none declares M.
   */
  private reachMember(namespace: string, member: string): void {
    const key = `${namespace}.${member}`;
    if (this.reachedMembers.has(key)) return;
    this.reachedMembers.add(key);
    const items = this.globals.get(namespace) ?? [];
    const found: Item[] = [];
    for (const item of items) {
      const node = item.node;
      const body = ts.isModuleDeclaration(node) && ts.isIdentifier(node.name) && node.body && ts.isModuleBlock(node.body) ? node.body : undefined;
      if (!body) return this.reachName(namespace);
      const blocks = [...(item.blocks ?? []), body];
      // statementNames: `export import M = …` declares a member too.
      for (const statement of body.statements) if (statementNames([statement]).includes(member)) found.push({ node: statement, file: item.file, blocks });
    }
    if (found.length === 0) return this.reachName(namespace);
    this.pending.push(...found);
  }

  private declarations(container: TS.SourceFile | TS.ModuleBlock): Map<string, TS.Statement[]> {
    let map = this.topLevel.get(container);
    if (!map) {
      map = new Map();
      for (const statement of container.statements) for (const name of statementNames([statement])) map.set(name, [...(map.get(name) ?? []), statement]);
      this.topLevel.set(container, map);
    }
    return map;
  }

  private reference(name: string, node: TS.Node, file: TS.SourceFile, scope: Scope | undefined): void {
    for (let s = scope; s; s = s.up) {
      if (!s.names.has(name)) continue;
      if (s.container) for (const statement of this.declarations(s.container).get(name)!) this.pending.push({ node: statement, file, blocks: s.blocks });
      return;
    }
    if (!this.dom.has(name)) this.reachName(name);
    else if (!this.allowed.has(node)) this.found = `${name} in ${file.fileName}`;
  }

  private visit(node: TS.Node, parent: TS.Node | undefined, file: TS.SourceFile, scope: Scope | undefined): void {
    if (this.found) return;
    const K = ts.SyntaxKind;
    switch (node.kind) {
      case K.Identifier:
        if (isReference(node as TS.Identifier, parent)) this.reference((node as TS.Identifier).text, node, file, scope);
        return;
      case K.PropertyAccessExpression:
      case K.QualifiedName:
      case K.ConditionalType: {
        // `globalThis.X` is the global X, and `typeof globalThis extends { A: …; B: … }` reads the globals A and B only.
        const global = globalThisMembers(node);
        if (global && !isLocal("globalThis", scope)) {
          for (const name of global.names) this.reference(name, node, file, undefined);
          for (const child of global.rest) this.visit(child, node, file, scope);
          return;
        }
        // `N.M` in a type, N a global namespace declared outside the lib files: M alone.
        if (ts.isQualifiedName(node) && ts.isIdentifier(node.left)) {
          const namespace = node.left.text;
          if (!isLocal(namespace, scope) && !this.dom.has(namespace) && this.globals.has(namespace)) {
            this.reachMember(namespace, node.right.text);
            return;
          }
        }
        break;
      }
      case K.MetaProperty:
        if ((node as TS.MetaProperty).keywordToken === K.ImportKeyword && this.dom.has(IMPLICIT_IMPORT_META)) this.found = `import.meta in ${file.fileName}`;
        return;
      case K.ImportDeclaration:
      case K.ExportDeclaration:
      case K.ExternalModuleReference:
      case K.ImportType:
      case K.CallExpression: {
        const specifier = moduleSpecifier(node);
        if (specifier) this.reachModule(file, specifier);
        // Names exported from another module are that module's, not globals.
        if (ts.isExportDeclaration(node) && node.moduleSpecifier) return;
      }
    }
    const declared = scopeNames(node, parent);
    const inner = declared && declared.length > 0 ? { names: new Set(declared), up: scope } : scope;
    // `infer X` names are visible in the true branch only.
    if (ts.isConditionalTypeNode(node)) ts.forEachChild(node, (child) => this.visit(child, node, file, child === node.trueType ? inner : scope));
    else {
      const skipped = this.skippedBody(node, file);
      ts.forEachChild(node, (child) => (child === skipped ? undefined : this.visit(child, node, file, inner)));
    }
  }

  /**
   * The body of a function with a declared return type: the checker reads
   * it only to check it, which mizan-gen never asks, or for the
   * declarations the scan finds in it (`@client`, `defineContext`), whose
   * types the analysis reads: a body that spells either is walked.
   */
  private skippedBody(node: TS.Node, file: TS.SourceFile): TS.Node | undefined {
    const body = ts.isFunctionLike(node) && node.type ? (node as TS.FunctionLikeDeclaration).body : undefined;
    if (!body || !this.skipsBodies(file)) return undefined;
    let marks = this.marks.get(file);
    if (!marks) this.marks.set(file, (marks = [...file.text.matchAll(/@|defineContext/g)].map((match) => match.index)));
    let low = 0;
    let high = marks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (marks[middle]! < body.pos) low = middle + 1;
      else high = middle;
    }
    return low < marks.length && marks[low]! < body.end ? undefined : body;
  }
}

function isLocal(name: string, scope: Scope | undefined): boolean {
  for (let s = scope; s; s = s.up) if (s.names.has(name)) return true;
  return false;
}

/** The ambient module declarations (`declare module "x"`, `declare module "*.css"`) a specifier names. */
export function ambientModules(ambient: ReadonlyMap<string, Item[]>): (text: string) => Item[] {
  const patterns = [...ambient].filter(([pattern]) => pattern.includes("*"));
  return (text) => [...(ambient.get(text) ?? []), ...patterns.flatMap(([pattern, nodes]) => (starMatch(pattern, text) !== undefined ? nodes : []))];
}
