import type { Purger } from "../edge/purger.js";
import type { Manifest } from "../protocol/index.js";
import type { Runtime } from "./runtime.js";
export interface PurgeOptions {
    purgers: Purger | readonly Purger[];
    /** How long one mutation's purges may take, retries included. Default 5000 ms. */
    timeoutMs?: number;
    /** Send the mutation's response only after its purges (default true); false purges in the background. */
    wait?: boolean;
    /** Tag prefix. Default: `edge.prefix`, else "mz". */
    prefix?: string;
}
export declare function withPurge<User>(runtime: Runtime<User>, option: PurgeOptions | Purger | readonly Purger[] | undefined, edge: {
    manifest: Manifest;
    prefix?: string;
} | undefined): Runtime<User>;
