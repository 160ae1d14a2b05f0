// A diagnostic is data: collected during a run, never thrown, printed at
// the end in tsc's style so editors and CI logs link to the place.
import type { SourceLocation } from "../ir/types.js";
import { CATALOG, type CatalogEntry, type DiagnosticCode } from "./catalog.js";

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

type Messages<C extends DiagnosticCode> = (typeof CATALOG)[C]["messages"];
/** The names of a code's message templates. */
export type MessageName<C extends DiagnosticCode> = keyof Messages<C> & string;
/** One string per placeholder `{0}`, `{1}` … of a template, counted in order. */
export type TemplateArgs<T extends string, Args extends string[] = []> =
  T extends `${string}{${Args["length"]}}${string}` ? TemplateArgs<T, [...Args, string]> : Args;
type ArgsOf<C extends DiagnosticCode, N extends MessageName<C>> = TemplateArgs<Messages<C>[N] & string>;

/** A message of the catalog, its placeholders filled: tsc checks the number of arguments. */
export function message<C extends DiagnosticCode, N extends MessageName<C>>(code: C, name: N, ...args: ArgsOf<C, N>): string {
  const template: string = (CATALOG[code].messages as Record<string, string>)[name]!;
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]!);
}

/** The one way a diagnostic is built: its code, which of the code's messages, where, and the message's arguments. */
export function diagnostic<C extends DiagnosticCode, N extends MessageName<C>>(
  code: C,
  name: N,
  location: SourceLocation,
  ...args: ArgsOf<C, N>
): Diagnostic {
  return { code, message: message(code, name, ...args), location };
}

export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column } = d.location;
  return `${file}:${line}:${column} - ${severity(d.code)} ${d.code}: ${d.message}\n  hint: ${CATALOG[d.code].hint}`;
}

/** "warning" for a code the catalog marks so (the run goes on), else "error". */
export function severity(code: DiagnosticCode): "error" | "warning" {
  return (CATALOG[code] as CatalogEntry).severity ?? "error";
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
