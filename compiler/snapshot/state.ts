// What a process started from the declaration snapshot finds on globalThis:
// the TypeScript the snapshot loaded and the declaration files it parsed.
import type * as TS from "typescript";
import { SNAPSHOT_FORMAT, typescriptFile } from "./paths.js";

export interface PreparedFile {
  readonly request: FileRequest;
  readonly file: TS.SourceFile;
  /** The file as it was parsed: a file whose size, times or inode differ now is parsed again (a package reinstalled is a new inode). */
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

export interface SnapshotState {
  readonly format: number;
  /** typescript.js's path. */
  readonly typescript: string;
  readonly ts: typeof TS;
  readonly files: readonly PreparedFile[];
}

/** How a declaration file was asked for: its name and what its parse depends on. */
export interface FileRequest {
  readonly fileName: string;
  readonly languageVersion: number;
  readonly impliedNodeFormat: number | undefined;
  readonly jsDocParsingMode: number | undefined;
}

export const STATE = Symbol.for("mizan-gen.snapshot");

export function preparedKey(request: FileRequest): string {
  return `${request.fileName}\u0000${request.languageVersion}\u0000${request.impliedNodeFormat}\u0000${request.jsDocParsingMode}`;
}

export function snapshotState(): SnapshotState | undefined {
  return (globalThis as { [STATE]?: SnapshotState })[STATE];
}

/**
 * The state when this process may use it: the snapshot loaded the
 * typescript.js this mizan-gen resolves, and its format is this mizan-gen's.
 */
export function usableState(): SnapshotState | undefined {
  const state = snapshotState();
  if (state === undefined || state.format !== SNAPSHOT_FORMAT) return undefined;
  return state.typescript === typescriptFile() ? state : undefined;
}
