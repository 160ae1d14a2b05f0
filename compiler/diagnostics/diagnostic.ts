// A diagnostic is data: collected during a run, never thrown, printed at
// the end in tsc's style so editors and CI logs link to the place.
import type { SourceLocation } from "../ir/types.js";
import { CATALOG, type DiagnosticCode } from "./catalog.js";

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  location: SourceLocation;
  /**
   * The other place a conflict involves (the first declaration of a name
   * declared twice): tspc attaches it as related information, so an editor
   * links to it; the message names it for mizan-gen's output.
   */
  related?: { message: string; location: SourceLocation };
}

export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column } = d.location;
  return `${file}:${line}:${column} - error ${d.code}: ${d.message}\n  hint: ${CATALOG[d.code].hint}`;
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Sorted by place then code, so a run's output does not depend on file order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
