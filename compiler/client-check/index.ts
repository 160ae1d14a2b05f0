// The private-call check over a program, for mizan-gen and the transformer
// alike: the files the `client` globs name, checked against the IR.
import { projectRelative } from "../scan/location.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CoreInput } from "../input/core-input.js";
import type { ProjectIR } from "../ir/types.js";
import { MizanSymbols } from "../scan/mizan-symbols.js";
import { userSourceFiles } from "../scan/scan.js";
import { checkClientFile } from "./check.js";
import { CheckerResolver } from "./checker-resolver.js";
import { globMatcher } from "../paths/glob.js";
import { tableFromIR } from "./table.js";

/** The check's diagnostics, and how many files of the program the `client` globs named (none when there are no globs). */
export function checkClientCode(input: CoreInput, ir: ProjectIR): { diagnostics: Diagnostic[]; files: number } {
  const { ts, program, projectDir, options } = input;
  if (options.client.length === 0) return { diagnostics: [], files: 0 };
  const isClient = globMatcher(options.client);
  const files = userSourceFiles(ts, program).filter((file) => isClient(projectRelative(projectDir, file.fileName)));
  if (files.length === 0) return { diagnostics: [], files: 0 };
  const checker = program.getTypeChecker();
  const privateModules = new Map(ir.functions.filter((f) => f.private).map((f) => [f.name, f.module]));
  const resolver = new CheckerResolver(ts, checker, new MizanSymbols(ts, checker), projectDir, privateModules);
  const table = tableFromIR(ir);
  return { diagnostics: files.flatMap((file) => checkClientFile(ts, file, table, resolver, projectDir)), files: files.length };
}
