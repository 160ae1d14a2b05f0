// Where a node is, as the IR and diagnostics spell it.
import type * as TS from "typescript";
import type { SourceLocation } from "../ir/types.js";

export function projectRelative(projectDir: string, fileName: string): string {
  return fileName.startsWith(projectDir + "/") ? fileName.slice(projectDir.length + 1) : fileName;
}

export function locate(projectDir: string, node: TS.Node): SourceLocation {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { file: projectRelative(projectDir, file.fileName), line: line + 1, column: character + 1 };
}
