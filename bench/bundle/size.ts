// Bundle size of mizan/client and mizan/react next to TanStack Query core and
// tRPC's client, each bundled the same way: esbuild, ESM, minified, every
// export kept, React external, then gzip -9. Prints a Markdown table.
// Run: npm run build && node dist/bench/bundle/size.js
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface Entry {
  name: string;
  /** Module source bundled as the entry point. */
  source: string;
  budget?: number;
}

const ENTRIES: Entry[] = [
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

async function measure(entry: Entry): Promise<{ min: number; gzip: number }> {
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

const rows = [];
for (const entry of ENTRIES) rows.push({ entry, ...(await measure(entry)) });
const reference = rows[0]!.gzip;

console.log("| bundle | minified | min + gzip | vs mizan/client | budget |");
console.log("| --- | ---: | ---: | ---: | --- |");
for (const { entry, min, gzip } of rows) {
  const budget = entry.budget === undefined ? "" : `${gzip <= entry.budget ? "within" : "OVER"} ${kb(entry.budget)}`;
  console.log(`| ${entry.name} | ${kb(min)} | ${kb(gzip)} | ${(gzip / reference).toFixed(1)}× | ${budget} |`);
}
