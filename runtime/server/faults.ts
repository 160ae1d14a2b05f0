// The error policy: what user code may throw (a MizanHttpError is an
// intended answer, anything else a server fault and a generic 500), and how
// faults reach onError.
import { MizanHttpError } from "./errors.js";

export type ErrorPhase = "authenticate" | "run" | "invalidation" | "purge" | "handler" | "cache" | "timeout";

export interface ErrorInfo {
  readonly phase: ErrorPhase;
  /** The function or context involved, when there is one. */
  readonly name: string | undefined;
  readonly method: string;
  readonly url: string;
}

export type ErrorReporter = (error: unknown, info: ErrorInfo) => void;

/** A server error on its way to a 500, with what onError is told. */
export class ServerFault {
  constructor(
    readonly cause: unknown,
    readonly phase: ErrorPhase,
    readonly name: string | undefined,
  ) {}
}

/** What to throw for an error of user code: a MizanHttpError is an intended answer, anything else a server fault. */
export function serverFault(error: unknown, phase: ErrorPhase, name: string): MizanHttpError | ServerFault {
  return error instanceof MizanHttpError ? error : new ServerFault(error, phase, name);
}

/**
 * Runs user code, its errors sorted by serverFault. What the code returns
 * synchronously comes back as it is (no promise to await); a thenable comes
 * back as a promise. (An async endpoint awaits the code in its own try instead.)
 */
export function guarded<T>(phase: ErrorPhase, name: string, work: () => T | PromiseLike<T>): T | Promise<T> {
  let got: T | PromiseLike<T>;
  try {
    got = work();
  } catch (error) {
    throw serverFault(error, phase, name);
  }
  if (typeof (got as PromiseLike<T> | null)?.then !== "function") return got as T;
  return Promise.resolve(got).catch((error: unknown) => {
    throw serverFault(error, phase, name);
  });
}

function defaultOnError(error: unknown, info: ErrorInfo): void {
  console.error(`mizan: server error (${info.phase}${info.name ? ` of ${info.name}` : ""}) on ${info.method} ${info.url}`, error);
}

/** onError (console.error by default), made safe: a failing logger must not turn into a second failure. */
export function errorReporter(onError: ErrorReporter | undefined): ErrorReporter {
  const report = onError ?? defaultOnError;
  return (error, info) => {
    try {
      report(error, info);
    } catch {
      // Swallowed on purpose: the request is already being answered.
    }
  };
}
