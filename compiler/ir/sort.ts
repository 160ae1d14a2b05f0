// Declarations in source order: by file, line and column.
import type { SourceLocation } from "./types.js";

export function byLocation(a: { location: SourceLocation }, b: { location: SourceLocation }): number {
  const x = a.location;
  const y = b.location;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}
