// MZ6006, a warning: mizan-gen runs on TypeScript 6, but the project's own
// tsc compiles the code that imports mizan. Before 5.7 it cannot read
// mizan's declarations (`Uint8Array<…>`); before 5.8, under module
// nodenext, it refuses a CommonJS file's import of mizan, an ES module
// (TS1479). Either way the user would meet a tsc error that says nothing of
// the version; said once per run, naming the version and what to do.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import { modulePath } from "../scan/location.js";

/** The `typescript` the project installs: its package.json and its version. */
export interface OwnTypescript {
  manifest: string;
  version: string;
}

/** MZ6006 when the project's own TypeScript is too old for its files that import mizan; none when the project has none of its own. */
export function typescriptVersionWarning(ts: TypeScript, program: TS.Program, projectDir: string, own: OwnTypescript | undefined): Diagnostic | undefined {
  if (own === undefined || !below(own.version, 5, 8)) return undefined;
  const where = modulePath(projectDir, own.manifest);
  if (program.getCompilerOptions().module === ts.ModuleKind.NodeNext) {
    const location = commonJsImportOfMizan(ts, program, projectDir);
    if (location) return diagnostic("MZ6006", "commonjs", location, own.version, where);
  }
  if (!below(own.version, 5, 7)) return undefined;
  return diagnostic("MZ6006", "old", { file: where, line: 1, column: 1 }, own.version, where);
}

/** Is `version` (major.minor…) before major.minor? A version that does not parse is not. */
function below(version: string, major: number, minor: number): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [own, ownMinor] = [Number(match[1]), Number(match[2])];
  return own < major || (own === major && ownMinor < minor);
}

/** Where the first CommonJS file of the project imports mizan (at the specifier's quote, where tsc puts TS1479). */
function commonJsImportOfMizan(ts: TypeScript, program: TS.Program, projectDir: string) {
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes("/node_modules/") || file.impliedNodeFormat !== ts.ModuleKind.CommonJS) continue;
    const imported = ts.preProcessFile(file.text, true, true).importedFiles.find((i) => i.fileName === "mizan" || i.fileName.startsWith("mizan/"));
    if (!imported) continue;
    const { line, character } = file.getLineAndCharacterOfPosition(imported.pos);
    return { file: modulePath(projectDir, file.fileName), line: line + 1, column: character + 1 };
  }
  return undefined;
}
