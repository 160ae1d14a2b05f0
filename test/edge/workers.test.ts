// mizan/edge must run where there is no Node: bundled for a neutral
// platform with no node built-ins allowed, it builds, imports no node:
// module and no zod, and the bundle's createEdgeHandler answers through a
// Fetch-handler origin using only Fetch globals.
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { edgeApp, manifest } from "./app.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const entry = `${root}runtime/edge/index.ts`;

test("runtime/edge bundles for a Workers-like platform: no node: import, no zod", async () => {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    minify: true,
    metafile: true,
    absWorkingDir: root,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.equal(inputs.filter((path) => path.includes("node_modules")), [], "no dependency is bundled");
  assert.equal(inputs.filter((path) => !path.startsWith("runtime/edge/") && !path.startsWith("runtime/protocol/")), []);
  const code = result.outputFiles[0]!.text;
  assert.not.match(code, /["']node:/);
  assert.ok(code.length < 40_000, `bundle of ${code.length} bytes`);

  // The bundled module itself, loaded from its text, serves a hit.
  const url = `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
  const edge = (await import(url)) as typeof import("mizan/edge");
  const handler = edge.createEdgeHandler({ manifest, origin: edgeApp() });
  const first = await handler(new Request("https://edge.example/api/mizan/ctx/article/?slug=worker"));
  assert.is(first.headers.get("x-cache"), "MISS");
  const second = await handler(new Request("https://edge.example/api/mizan/ctx/article/?slug=worker"));
  assert.is(second.headers.get("x-cache"), "HIT");
  assert.equal(await second.json(), await first.json());
});

test.run();
