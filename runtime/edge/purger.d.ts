export interface PurgeContext {
    /** Aborted when the purge's time is up. */
    readonly signal: AbortSignal;
    /** Date.now() after which no attempt is started (a Retry-After past it fails at once). */
    readonly deadline: number;
}
export interface Purger {
    /** Names the adapter in errors (`varnish`, `fastly`, `cloudflare`, …). */
    readonly name: string;
    purge(tags: readonly string[], context: PurgeContext): Promise<void>;
}
export declare class PurgeError extends Error {
    readonly purger: string;
    readonly tags: readonly string[];
    readonly attempts: number;
    /** The last HTTP status, when there was an answer. */
    readonly status: number | undefined;
    constructor(message: string, purger: string, tags: readonly string[], attempts: number, 
    /** The last HTTP status, when there was an answer. */
    status: number | undefined, options?: {
        cause?: unknown;
    });
}
/** `items` in consecutive batches of at most `size`. */
export declare function batches<T>(items: readonly T[], size: number): T[][];
/** Batches of tags whose space-separated text stays within `maxBytes` (tags are ASCII). */
export declare function headerBatches(tags: readonly string[], maxBytes: number, maxCount: number): string[][];
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export declare function checkPositiveInteger(value: number, max: number, what: string): number;
