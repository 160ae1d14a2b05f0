import type { Principal } from "../index.js";
import type { Target } from "../protocol/index.js";
import type { ErrorInfo, ErrorPhase, ErrorReporter } from "./faults.js";
import type { Incoming } from "./incoming.js";
/** Where an invalidation came from: a `/call/`, a view path, or `handler.invoke`. */
export type InvalidationSource = "call" | "view" | "invoke";
export interface InvalidationInfo<User = Principal> {
    /** The function that ran. */
    readonly name: string;
    /** Its validated arguments. */
    readonly args: unknown;
    readonly user: User | null;
    readonly source: InvalidationSource;
    /** The request, built on first read; undefined for an invoke given none. */
    readonly request: Request | undefined;
}
export type InvalidateHook<User = Principal> = (targets: readonly Target[], info: InvalidationInfo<User>) => void | Promise<void>;
export type Emit<User> = (targets: readonly Target[], info: InvalidationInfo<User>, incoming: Incoming | undefined) => Promise<void>;
/** What onError is told of a failure after a mutation: an invoke has no request, so its method reads INVOKE. */
export declare function mutationErrorInfo(phase: ErrorPhase, info: InvalidationInfo<unknown>, incoming: Incoming | undefined): ErrorInfo;
/** Runs every hook; a failing one is reported, and the mutation, which already happened, still answers 200. */
export declare function hookEmitter<User>(hooks: readonly InvalidateHook<User>[], report: ErrorReporter): Emit<User> | undefined;
