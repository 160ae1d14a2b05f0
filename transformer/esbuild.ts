// mizan-gen/esbuild: the private-call check for client bundles built without
// tsc (esbuild runs no TypeScript transformer). Each bundled client file is
// checked by the bundler check (./bundler-check.ts) against the generated
// manifest.json, read at the start of every build.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { PartialMessage, Plugin } from "esbuild";
import type { CallTable } from "../compiler/client-check/table.js";
import { CATALOG } from "../compiler/diagnostics/catalog.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { normalizePosix } from "../compiler/paths/posix.js";
import { SOURCE, checkModule, clientFilter, readManifestTable, spanOf, type ModuleCheck } from "./bundler-check.js";

export interface MizanEsbuildOptions {
  /** The generated manifest.json, relative to `root`. */
  manifest: string;
  /** Globs of client files, relative to `root`. Default: every bundled file outside node_modules. */
  client?: string[];
  /** The folder of the project: globs and reported paths are relative to it. Default: esbuild's working directory. */
  root?: string;
}

export function mizanEsbuild(options: MizanEsbuildOptions): Plugin {
  return {
    name: "mizan",
    setup(build) {
      const root = normalizePosix(resolve(options.root ?? build.initialOptions.absWorkingDir ?? process.cwd()));
      const manifestPath = normalizePosix(resolve(root, options.manifest));
      const isClient = clientFilter(root, options.client);
      let table: CallTable | undefined;

      build.onStart(async () => {
        try {
          table = await readManifestTable(manifestPath);
          return {};
        } catch (error) {
          table = undefined;
          return { errors: [{ text: (error as Error).message }] };
        }
      });

      build.onLoad({ filter: SOURCE }, async (args) => {
        const path = normalizePosix(args.path);
        if (!table || args.namespace !== "file" || !isClient(path)) return undefined;
        const checked = checkModule(root, path, await readFile(path, "utf8"), table);
        // Nothing to report: esbuild loads the file itself, as without the plugin.
        if (!checked || checked.diagnostics.length === 0) return undefined;
        return { errors: checked.diagnostics.map((d) => toMessage(checked, d)) };
      });
    },
  };
}

function toMessage({ file }: ModuleCheck, d: Diagnostic): PartialMessage {
  const { line, column, length, lineText } = spanOf(file, d);
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
