// The error policy: what user code may throw (a MizanHttpError is an
// intended answer, anything else a server fault and a generic 500), and how
// faults reach onError.
import { MizanHttpError } from "./errors.js";
/** A server error on its way to a 500, with what onError is told. */
export class ServerFault {
    cause;
    phase;
    name;
    constructor(cause, phase, name) {
        this.cause = cause;
        this.phase = phase;
        this.name = name;
    }
}
/** What to throw for an error of user code: a MizanHttpError is an intended answer, anything else a server fault. */
export function serverFault(error, phase, name) {
    return error instanceof MizanHttpError ? error : new ServerFault(error, phase, name);
}
/**
 * Runs user code, its errors sorted by serverFault. What the code returns
 * synchronously comes back as it is (no promise to await); a thenable comes
 * back as a promise. (An async endpoint awaits the code in its own try instead.)
 */
export function guarded(phase, name, work) {
    let got;
    try {
        got = work();
    }
    catch (error) {
        throw serverFault(error, phase, name);
    }
    if (typeof got?.then !== "function")
        return got;
    return Promise.resolve(got).catch((error) => {
        throw serverFault(error, phase, name);
    });
}
function defaultOnError(error, info) {
    console.error(`mizan: server error (${info.phase}${info.name ? ` of ${info.name}` : ""}) on ${info.method} ${info.url}`, error);
}
/** onError (console.error by default), made safe: a failing logger must not turn into a second failure. */
export function errorReporter(onError) {
    const report = onError ?? defaultOnError;
    return (error, info) => {
        try {
            report(error, info);
        }
        catch {
            // Swallowed on purpose: the request is already being answered.
        }
    };
}
