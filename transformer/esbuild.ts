// mizan-gen/esbuild: the private-call check for client bundles built without
// tsc (esbuild and Vite run no TypeScript transformer). Each bundled client
// file is parsed (syntax only) and checked with the same rules as mizan-gen
// and the transformer; the function lists come from the generated
// manifest.json, read at the start of every build. Calls are recognised by
// the file's imports (see compiler/client-check/import-resolver.ts).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { PartialMessage, Plugin } from "esbuild";
import ts from "typescript";
import { checkClientFile, mayCall } from "../compiler/client-check/check.js";
import { globMatcher } from "../compiler/client-check/glob.js";
import { ImportResolver } from "../compiler/client-check/import-resolver.js";
import { tableFromManifest, type CallTable } from "../compiler/client-check/table.js";
import { CATALOG } from "../compiler/diagnostics/catalog.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { TypeScript } from "../compiler/host/input.js";
import { normalizePosix, relativePosix } from "../compiler/options.js";
import { spanAt } from "./diagnostics.js";

export interface MizanEsbuildOptions {
  /** The generated manifest.json, relative to `root`. */
  manifest: string;
  /** Globs of client files, relative to `root`. Default: every bundled file outside node_modules. */
  client?: string[];
  /** The folder of the project: globs and reported paths are relative to it. Default: esbuild's working directory. */
  root?: string;
}

const SOURCE = /\.[cm]?[jt]sx?$/;

export function mizanEsbuild(options: MizanEsbuildOptions): Plugin {
  return {
    name: "mizan",
    setup(build) {
      const root = normalizePosix(resolve(options.root ?? build.initialOptions.absWorkingDir ?? process.cwd()));
      const manifestPath = normalizePosix(resolve(root, options.manifest));
      const isClient = options.client ? globMatcher(options.client) : () => true;
      let table: CallTable | undefined;

      build.onStart(async () => {
        try {
          table = tableFromManifest(JSON.parse(await readFile(manifestPath, "utf8")));
          return {};
        } catch (error) {
          table = undefined;
          return { errors: [{ text: `cannot read the Mizan manifest ${manifestPath}: ${(error as Error).message}` }] };
        }
      });

      build.onLoad({ filter: SOURCE }, async (args) => {
        const path = normalizePosix(args.path);
        if (!table || args.namespace !== "file" || path.includes("/node_modules/")) return undefined;
        if (!isClient(relativePosix(root, path).replace(/^\.\//, ""))) return undefined;
        const text = await readFile(path, "utf8");
        if (!mayCall(text, table)) return undefined;
        const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
        const tsApi = ts as unknown as TypeScript;
        const diagnostics = checkClientFile(tsApi, file, table, new ImportResolver(tsApi, file), root);
        // Nothing to report: esbuild loads the file itself, as without the plugin.
        if (diagnostics.length === 0) return undefined;
        return { errors: diagnostics.map((d) => toMessage(tsApi, file, d)) };
      });
    },
  };
}

function toMessage(tsApi: TypeScript, file: ts.SourceFile, d: Diagnostic): PartialMessage {
  const { line, column } = d.location;
  const lineText = file.text.split(/\r?\n/)[line - 1] ?? "";
  const start = tsApi.getPositionOfLineAndCharacter(file, line - 1, column - 1);
  const length = spanAt(tsApi, file, start);
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");
  return {
    text: `${d.code}: ${d.message}`,
    location: {
      file: d.location.file,
      line,
      column: bytes(lineText.slice(0, column - 1)),
      length: bytes(lineText.slice(column - 1, column - 1 + length)),
      lineText,
    },
    notes: [{ text: `hint: ${CATALOG[d.code].hint}` }],
  };
}

function scriptKind(path: string): ts.ScriptKind {
  // .mts and .cts parse as .ts, .mjs and .cjs as .js.
  const extension = path.slice(path.lastIndexOf(".") + 1).replace(/^[cm]/, "");
  return { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, jsx: ts.ScriptKind.JSX }[extension] ?? ts.ScriptKind.JS;
}
