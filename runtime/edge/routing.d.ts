import type { Manifest } from "../protocol/manifest.js";
import { type ContextShape, type InstanceParams } from "./params.js";
export interface Instance {
    readonly context: string;
    readonly params: InstanceParams;
}
export interface EdgeRouting {
    readonly manifest: Manifest;
    readonly basePath: string;
    readonly shapes: ReadonlyMap<string, ContextShape>;
    /** Each context's declared parameter names. */
    declared(context: string): ReadonlySet<string> | undefined;
    isPublic(context: string): boolean;
    /** The context a `{base}/ctx/{name}/` path names, or undefined for any other path. */
    contextOf(path: string): string | undefined;
    /** The instance a context read names. */
    contextInstance(context: string, query: URLSearchParams): Instance;
    /** The instances a page route path renders; [] when the path is no page route. */
    pageInstances(path: string): Instance[];
    /** The function a `{base}/call/{fn}/` path names, or undefined. */
    callOf(path: string): string | undefined;
}
export declare function compileRouting(manifest: Manifest, basePath?: string): EdgeRouting;
