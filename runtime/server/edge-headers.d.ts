import type { Manifest } from "../protocol/index.js";
import { type TagHeader } from "../edge/tags.js";
import type { Incoming } from "./incoming.js";
import { type Outgoing } from "./outgoing.js";
export interface EdgeHeaderOptions {
    /** The generated manifest.json: page routes and parameter types. */
    manifest: Manifest;
    /** `xkey` (Varnish), `Surrogate-Key` (Fastly) or `Cache-Tag` (Cloudflare). */
    header: TagHeader;
    /** Tag prefix. Default "mz". */
    prefix?: string;
    /**
     * Seconds the CDN alone may keep a public response, when longer than its
     * s-maxage (other shared caches, which no purge reaches, keep s-maxage).
     * Sent as Surrogate-Control (xkey, Surrogate-Key) or CDN-Cache-Control
     * (Cache-Tag). Default: none.
     */
    cdnMaxAge?: number;
}
export type EdgeDecorator = (incoming: Incoming, out: Outgoing) => Outgoing;
export declare function edgeHeaders(options: EdgeHeaderOptions, basePath: string, report: (error: unknown, incoming: Incoming) => void): EdgeDecorator;
