// Without strictNullChecks the checker drops null and undefined from every
// union (`string | null` is `string`), so nothing Mizan reads from the
// checker can tell a nullable value from a required one: parameters would
// refuse the null a Prisma filter or a nullable column allows, and client
// types would promise values the server sends as null. mizan-gen builds its
// own program and turns the option on (host/project.ts); a program built by
// someone else (tsc's, under tspc) is refused with MZ6003.
import type * as TS from "typescript";
import type { FunctionDraft } from "../analyze/drafts.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Whether the options check nulls. `strictByDefault`: TypeScript 6 turns
 * `strict` on unless it is set off; a project built by TypeScript 5, whose
 * default is off, reads unset as off.
 */
export function checksNulls(options: TS.CompilerOptions, strictByDefault = true): boolean {
  return options.strictNullChecks ?? options.strict ?? strictByDefault;
}

/** MZ6003 at the first function, when the program does not check nulls. */
export function validateNullChecks(options: TS.CompilerOptions, drafts: readonly FunctionDraft[], report: (d: Diagnostic) => void): void {
  const [first] = drafts;
  if (first && !checksNulls(options)) report(diagnostic("MZ6003", "off", first.location, first.name));
}
