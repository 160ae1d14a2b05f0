import { relativePosix } from "./posix.js";

/** How the project spells a relative import of its own modules (module-resolution.ts decides). */
export type ImportStyle = "js" | "bundler" | "ts";

/**
 * The import path of a project module from the out folder: as Node's ESM
 * spells it (`.ts` → `.js`); without the extension under bundler
 * resolution, which every bundler reads (Next.js's Turbopack does not map
 * `.js` onto `.ts`); or with the source's own extension when tsc rewrites
 * relative imports (`rewriteRelativeImportExtensions`), as the project's own
 * imports are then written and as Deno and Bun resolve them.
 */
export function importPath(outDir: string, projectDir: string, module: string, style: ImportStyle): string {
  const relative = relativePosix(outDir, `${projectDir}/${module}`);
  if (style === "ts") return relative;
  if (style === "bundler" && /\.tsx?$/.test(relative)) return relative.replace(/\.tsx?$/, "");
  return relative.replace(/\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}
