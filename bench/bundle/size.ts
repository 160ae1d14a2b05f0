// Bundle size of mizan/client and mizan/react next to TanStack Query core and
// tRPC's client, each bundled the same way: esbuild, ESM, minified, every
// export kept, React external, then gzip -9. Prints a Markdown table.
// Run: npm run build && node dist/bench/bundle/size.js (exits 1 when a bundle is over its budget)
import { ENTRIES, measure } from "./measure.js";

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
if (rows.some(({ entry, gzip }) => entry.budget !== undefined && gzip > entry.budget)) process.exitCode = 1;
