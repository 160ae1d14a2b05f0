// Type-checks a source text as if it were a file in `dir`, with the project's
// compiler options. Type tests assert that chosen lines fail with a chosen
// code and that nothing else fails: the main build tolerates errors (others'
// work in progress), this check does not.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface FileDiagnostic {
  /** Path from the project root; `""` for the checked source text. */
  file: string;
  line: number;
  code: number;
  message: string;
}

/**
 * Diagnostics of `source` (placed in `dir`, relative to the root) and of
 * every file under `alsoUnder` (root-relative prefixes) that it reaches.
 */
export function typecheck(source: string, dir: string, alsoUnder: string[] = []): FileDiagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const file = join(ROOT, dir, "__typecheck__.tsx");
  const options = { ...config.options, noEmit: true, incremental: false, declaration: false, sourceMap: false };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language, true) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  const program = ts.createProgram([file], options, host);
  const checked = program
    .getSourceFiles()
    .filter((sf) => sf.fileName === file || alsoUnder.some((prefix) => relative(ROOT, sf.fileName).startsWith(prefix)));
  return checked.flatMap((sf) =>
    ts.getPreEmitDiagnostics(program, sf).flatMap((d) =>
      d.file === sf
        ? [{
            file: sf.fileName === file ? "" : relative(ROOT, sf.fileName),
            line: sf.getLineAndCharacterOfPosition(d.start!).line + 1,
            code: d.code,
            message: ts.flattenDiagnosticMessageText(d.messageText, " "),
          }]
        : [],
    ),
  );
}

/** Lines marked `// TS1234` and the code each expects. */
export function expectedErrors(source: string): { line: number; code: number }[] {
  return source.split("\n").flatMap((text, index) => {
    const match = /\/\/ TS(\d+)\s*$/.exec(text);
    return match ? [{ line: index + 1, code: Number(match[1]) }] : [];
  });
}
