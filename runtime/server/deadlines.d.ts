export declare class Deadlines<T, K> {
    #private;
    readonly timeout: number;
    private readonly expire;
    private readonly drop;
    /** `expire(key)` is the answer of a request whose timeout passed; `drop` disposes of an answer that came too late. */
    constructor(timeout: number, expire: (key: K) => T, drop?: (late: T) => void);
    /**
     * Sends `pending`'s value, or `expire(key)`'s once the timeout has passed
     * first; `pending` must not reject. No promise of its own: the node:http
     * entry writes from here. The promise returned settles with `send`'s.
     */
    deliver<R>(key: K, pending: Promise<T>, send: (value: T) => R): Promise<R | undefined>;
}
