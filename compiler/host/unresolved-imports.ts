// Files whose imports did not all resolve: when files appear, TypeScript
// keeps an unchanged file's failed resolution unless that file is read
// again, and the analysis of such a file saw a type that did not resolve.
import type * as TS from "typescript";

/** Which files have an import that did not resolve (from the program's record of resolutions; every user file if it has none). */
export function filesWithUnresolvedImports(program: TS.Program): ReadonlySet<TS.Path> {
  const forEach = (program as { forEachResolvedModule?: (cb: (r: TS.ResolvedModuleWithFailedLookupLocations, name: string, mode: unknown, path: TS.Path) => void) => void })
    .forEachResolvedModule;
  if (!forEach) {
    const files = program.getSourceFiles() as readonly (TS.SourceFile & { path: TS.Path })[];
    return new Set(files.filter((file) => !file.isDeclarationFile).map((file) => file.path));
  }
  const paths = new Set<TS.Path>();
  forEach.call(program, (resolution, _name, _mode, path) => {
    if (!resolution.resolvedModule) paths.add(path);
  });
  return paths;
}
