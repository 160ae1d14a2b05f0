// The bundles bench/bundle/size.ts measures, and how: esbuild, ESM,
// minified, every export kept, React external, then gzip -9. The budgets are
// checked by test/client/bundle-budget.test.ts too, so a change that outgrows
// one fails the tests rather than waiting for the next benchmark run.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface Entry {
  name: string;
  /** Module source bundled as the entry point. */
  source: string;
  budget?: number;
}

export const ENTRIES: Entry[] = [
  { name: "mizan/client (every export)", source: `export * from "mizan/client";`, budget: 2048 },
  {
    // The header helper's share of the client: the protocol's header parser.
    name: "of which: parseInvalidateHeader (mizan/protocol), alone",
    source: `export { parseInvalidateHeader } from "mizan/protocol";`,
  },
  {
    name: "mizan/react (hooks only; client and react external)",
    source: `export * from "mizan/react";`,
    budget: 1024,
  },
  {
    name: "mizan/client + mizan/react as an app uses them",
    source: `export { endpoint, configure, MizanResponseError } from "mizan/client"; export { useContextQuery, useCall } from "mizan/react";`,
  },
  { name: "@tanstack/query-core", source: `export * from "@tanstack/query-core";` },
  { name: "@trpc/client", source: `export * from "@trpc/client";` },
];

export async function measure(entry: Entry): Promise<{ min: number; gzip: number }> {
  const hooksOnly = entry.source == `export * from "mizan/react";`;
  const result = await build({
    stdin: { contents: entry.source, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    // mizan/* resolve through tsconfig paths to the runtime sources.
    tsconfig: `${ROOT}tsconfig.json`,
    external: ["react", "react-dom", ...(hooksOnly ? ["../client/index.js"] : [])],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
