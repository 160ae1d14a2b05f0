// Builds the page: examples/web/main.tsx bundled by esbuild (React in
// production mode, `mizan/*` resolved through examples/tsconfig.json to the
// runtime sources), next to the two static files it needs.
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// This module runs from dist/examples/server/; the sources stay in examples/.
const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));

/** Where `npm start` builds the page and serves it from. */
export const PUBLIC_DIR = fileURLToPath(new URL("../public/", import.meta.url));

export async function bundleWeb(outDir: string = PUBLIC_DIR): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(EXAMPLES, "web/main.tsx")],
    outfile: join(outDir, "app.js"),
    tsconfig: join(EXAMPLES, "tsconfig.json"),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  for (const file of ["index.html", "style.css"]) await copyFile(join(EXAMPLES, "web", file), join(outDir, file));
}
