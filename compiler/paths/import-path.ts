import { relativePosix } from "./posix.js";

/**
 * The import path of a project module from the out folder: as Node's ESM
 * spells it (`.ts` → `.js`), or without the extension under bundler
 * resolution, which every bundler reads (Next.js's Turbopack does not map
 * `.js` onto `.ts`).
 */
export function importPath(outDir: string, projectDir: string, module: string, bundler: boolean): string {
  const relative = relativePosix(outDir, `${projectDir}/${module}`);
  if (bundler && /\.tsx?$/.test(relative)) return relative.replace(/\.tsx?$/, "");
  return relative.replace(/\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ""}js`);
}
