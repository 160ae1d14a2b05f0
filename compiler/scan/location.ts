// Where a node is, as the IR and diagnostics spell it.
import type * as TS from "typescript";
import type { SourceLocation } from "../ir/types.js";
import { relativePosix } from "../paths/posix.js";

export function projectRelative(projectDir: string, fileName: string): string {
  return fileName.startsWith(projectDir + "/") ? fileName.slice(projectDir.length + 1) : fileName;
}

/** A module's path from the project's folder, posix, with `../` for a file above it (a monorepo's sibling package). */
export function modulePath(projectDir: string, fileName: string): string {
  if (fileName.startsWith(projectDir + "/")) return fileName.slice(projectDir.length + 1);
  const relative = relativePosix(projectDir, fileName);
  return relative.startsWith("./") ? relative.slice(2) : relative;
}

export function locate(projectDir: string, node: TS.Node): SourceLocation {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  // A file above the project (a monorepo's sibling package) as tsc prints it: `../api/src/x.ts`.
  return { file: modulePath(projectDir, file.fileName), line: line + 1, column: character + 1 };
}
