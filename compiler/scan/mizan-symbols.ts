// Is this identifier Mizan's `client`, `defineContext`, `Req` or `AuthedReq`? Resolved
// through the checker, so an alias import or a re-export still counts and an
// unrelated function that happens to be called `client` does not: the
// declaration must be the entry module (index) of the package named
// "mizan", as source or as built declarations.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";
import { aliasTarget } from "./alias-target.js";

export type MizanExport = "client" | "defineContext" | "Req" | "AuthedReq";
const EXPORTS: ReadonlySet<string> = new Set<MizanExport>(["client", "defineContext", "Req", "AuthedReq"]);

/** Where the declarations live inside the package: the source, or the built .d.ts/.js. */
const ENTRY = /^(?:dist\/)?index\.(?:d\.)?[mc]?[jt]s$/;

export class MizanSymbols {
  /** Folder → the root of the mizan package it is in, or null. */
  private readonly rootOf = new Map<string, string | null>();

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
  ) {}

  /** The export an expression (`client`, `mz.client`, an alias) refers to, if it is Mizan's. */
  exportAt(node: TS.Node): MizanExport | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    return symbol && this.mizanName(aliasTarget(this.ts, this.checker, symbol));
  }

  /**
   * Is this type Mizan's `Req` or `AuthedReq`, and which? With a principal
   * argument, re-exported, behind an alias the app writes (`type R =
   * AuthedReq<User>`: the alias is the app's, the type Mizan's), or an
   * interface that extends one.
   */
  reqKind(type: TS.Type): "Req" | "AuthedReq" | undefined {
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      const name = symbol && this.mizanName(symbol);
      if (name === "Req" || name === "AuthedReq") return name;
    }
    const target = (type as TS.ObjectType).objectFlags & this.ts.ObjectFlags.Reference ? (type as TS.TypeReference).target : type;
    if (!target.isClassOrInterface()) return undefined;
    for (const base of this.checker.getBaseTypes(target)) {
      const kind = this.reqKind(base);
      if (kind !== undefined) return kind;
    }
    return undefined;
  }

  /** Does this type hold a `Req` without being one (`Readonly<Req>`, `AuthedReq & {…}`, `Req | AuthedReq`)? */
  holdsReq(type: TS.Type, seen = new Set<TS.Type>()): boolean {
    if (seen.has(type)) return false;
    seen.add(type);
    const parts = [...(type.isUnionOrIntersection() ? type.types : []), ...(type.aliasTypeArguments ?? [])];
    return parts.some((part) => this.reqKind(part) !== undefined || this.holdsReq(part, seen));
  }

  private mizanName(symbol: TS.Symbol): MizanExport | undefined {
    const name = symbol.getName();
    if (!EXPORTS.has(name)) return undefined;
    const declaration = symbol.declarations?.[0];
    if (!declaration || !this.inMizanPackage(declaration.getSourceFile().fileName)) return undefined;
    return name as MizanExport;
  }

  /** The file's path inside the mizan package (`client/types.ts`), or undefined outside it. */
  pathInPackage(fileName: string): string | undefined {
    const root = this.mizanRoot(fileName.slice(0, fileName.lastIndexOf("/")));
    return root === null ? undefined : fileName.slice(root.length + 1);
  }

  private inMizanPackage(fileName: string): boolean {
    const path = this.pathInPackage(fileName);
    return path !== undefined && ENTRY.test(path);
  }

  /** Walks up to the nearest package.json; the folder is the root if that package is "mizan". */
  private mizanRoot(dir: string): string | null {
    const known = this.rootOf.get(dir);
    if (known !== undefined) return known;
    const manifest = `${dir}/package.json`;
    let root: string | null;
    if (this.ts.sys.fileExists(manifest)) {
      let name: unknown;
      try {
        name = JSON.parse(this.ts.sys.readFile(manifest) ?? "{}").name;
      } catch {
        name = undefined;
      }
      root = name === "mizan" ? dir : null;
    } else {
      const parent = dir.slice(0, dir.lastIndexOf("/"));
      root = parent !== dir && parent !== "" ? this.mizanRoot(parent) : null;
    }
    this.rootOf.set(dir, root);
    return root;
  }
}
