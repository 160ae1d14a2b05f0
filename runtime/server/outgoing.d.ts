export declare const JSON_TYPE = "application/json";
export interface Outgoing {
    status: number;
    /**
     * Lowercase names. For a passthrough, the headers added to the function's
     * own. Read-only: a cache hit's are the stored entry's own (withHeaders copies).
     */
    readonly headers: Readonly<Record<string, string>>;
    /** The body text (or bytes, from an edge's store), or null for none (304, HEAD, passthrough). */
    body: string | Uint8Array<ArrayBuffer> | null;
    /** A view path's own Response, passed through with `headers` added. */
    passthrough?: Response;
}
/** The same answer with these headers set: a new headers object, the old one left as it was. */
export declare function withHeaders(out: Outgoing, added: Readonly<Record<string, string>>): Outgoing;
/** Statuses whose response can never carry a body. */
export declare function isNullBodyStatus(status: number): boolean;
export declare function toResponse(out: Outgoing, head: boolean): Response;
