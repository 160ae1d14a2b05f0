// Names for instantiations of generic aliases. An alias of such an
// instantiation (Prisma's `type Post = runtime.Types.DefaultSelection<PostPayload>`)
// does not give the checker's type its own name: the type keeps the inner
// alias, `GetResult<{ id: string; … }, unknown>`, whose text makes an
// unreadable name. The aliases without type parameters that the modules
// imported by the files holding declarations export are the names their
// authors write; a type that one of them declares exactly is named after
// it; so are those files' own aliases. Computed once per analysis from
// those files, so that a name
// depends neither on which path reached the type first nor on the host
// (tsc's program holds every project file, mizan-gen's only those that can
// matter; both hold every file that may declare).
import type * as TS from "typescript";
import { aliasTarget } from "../../scan/alias-target.js";
import type { CoreProgram, TypeScript } from "../../input/core-input.js";

export class AliasNames {
  #byType: Map<TS.Type, TS.Symbol> | undefined;

  constructor(
    private readonly ts: TypeScript,
    private readonly checker: TS.TypeChecker,
    /** The project files that may hold declarations. */
    private readonly declaringFiles: readonly TS.SourceFile[],
    /** What the analysis reads an intersection as (Prisma's model is `GetResult<…> & {}`). */
    private readonly shapeOf: (type: TS.IntersectionType) => TS.Type | undefined,
  ) {}

  /** The alias that declares exactly this type, if there is one (the first by name, when several). */
  of(type: TS.Type): TS.Symbol | undefined {
    return (this.#byType ??= this.#index()).get(type);
  }

  #index(): Map<TS.Type, TS.Symbol> {
    const { ts, checker } = this;
    const modules = new Set<TS.Symbol>();
    const aliases: TS.Symbol[] = [];
    for (const file of this.declaringFiles) {
      for (const statement of file.statements) {
        const specifier = ts.isImportDeclaration(statement) ? statement.moduleSpecifier : undefined;
        const module = specifier && checker.getSymbolAtLocation(specifier);
        if (module) modules.add(module);
        // The file's own aliases, exported or not, are names its author writes too.
        const own = ts.isTypeAliasDeclaration(statement) && !statement.typeParameters && checker.getSymbolAtLocation(statement.name);
        if (own) aliases.push(own);
      }
    }
    for (const module of modules) {
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = aliasTarget(ts, checker, exported);
        const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
        if (declaration && !declaration.typeParameters) aliases.push(symbol);
      }
    }
    aliases.sort((a, b) => (a.getName() < b.getName() ? -1 : a.getName() > b.getName() ? 1 : 0));
    const byType = new Map<TS.Type, TS.Symbol>();
    for (const alias of aliases) {
      const declared = checker.getDeclaredTypeOfSymbol(alias);
      const type = (declared.isIntersection() && this.shapeOf(declared)) || declared;
      // Only where the type keeps another alias's instantiation, or lost every alias (Kysely's
      // `Selectable<T>` resolves a conditional to a mapped type): otherwise it is named already.
      const keepsInstantiation = type.aliasSymbol !== undefined && type.aliasSymbol !== alias && (type.aliasTypeArguments?.length ?? 0) > 0;
      const anonymous = type.aliasSymbol === undefined && (type.isIntersection() || ((type.getSymbol()?.flags ?? 0) & (ts.SymbolFlags.TypeLiteral | ts.SymbolFlags.ObjectLiteral)) !== 0);
      if ((keepsInstantiation || anonymous) && !byType.has(type)) byType.set(type, alias);
    }
    return byType;
  }
}
