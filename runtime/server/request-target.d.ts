/** What the request target is: a plain target's path and query, or the parsed URL. */
export type RequestTarget = {
    readonly path: string;
    readonly search: string;
} | URL;
/**
 * The target of `req.url` under `origin` ("http://host"). An origin-form
 * target is appended to the Host rather than resolved against it: `//evil/x`
 * must stay a path, or the "own origin" the Origin check compares with
 * would become `http://evil`. undefined when it is not a valid http(s) URL.
 */
export declare function requestTarget(target: string, scheme: string, host: string): RequestTarget | undefined;
