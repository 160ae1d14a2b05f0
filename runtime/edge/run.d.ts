import type { Manifest } from "../protocol/manifest.js";
import type { Target } from "../protocol/targets.js";
import type { Purger } from "./purger.js";
export declare const DEFAULT_PURGE_TIMEOUT_MS = 5000;
export interface PurgeRunOptions {
    purgers: Purger | readonly Purger[];
    /** How long the purges of one mutation may take, retries included. Default 5000 ms. */
    timeoutMs?: number | undefined;
    /** The tag prefix the origin's tag headers use. Default "mz". */
    prefix?: string | undefined;
    /** With the manifest, a target param a context does not declare purges the whole context. */
    manifest?: Manifest | undefined;
}
export interface PurgeRun {
    readonly purgers: readonly Purger[];
    /** Resolves with the failures (empty when every purger confirmed). Never rejects. */
    run(targets: readonly Target[]): Promise<{
        tags: string[];
        failures: unknown[];
    }>;
}
export declare function preparePurge(options: PurgeRunOptions): PurgeRun;
/**
 * The purgers as an `onInvalidate` hook of createHandler: resolves once
 * every purger confirmed; rejects (and createHandler reports it to onError,
 * phase "invalidation") when one gave up. createHandler's `purge` option
 * does the same with its own phase, "purge", and a choice to not wait.
 */
export declare function purgeHook(options: PurgeRunOptions): (targets: readonly Target[]) => Promise<void>;
