import type { RouteContext } from "./routes.js";
export type RawQuery = Record<string, string | string[]>;
export declare function readQuery(params: URLSearchParams): RawQuery;
/**
 * The context's typed parameters for this query string (`url.search`, the
 * URL parsed only when not seen before), maybe shared with other requests:
 * copy before handing them to user code. 400 with issues when they do not validate.
 */
export declare function contextParams(context: RouteContext, search: string, source: {
    readonly url: URL;
}): Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>>;
