import type { ManifestContext } from "../protocol/manifest.js";
export type ParamKind = "number" | "boolean" | "string";
export interface ParamSpec {
    readonly kind: ParamKind;
    readonly array: boolean;
}
/** Canonical instance params: a string, or the strings of an array param. */
export type InstanceParams = Readonly<Record<string, string | readonly string[]>>;
/** `number`, `1 | 2`, `boolean`, `string[]`, `readonly ("a" | "b")[]`, `Array<number>` … */
export declare function paramSpec(type: string): ParamSpec;
export declare function canonicalValue(kind: ParamKind, raw: string): string;
export interface ContextShape {
    readonly name: string;
    readonly params: ReadonlyMap<string, ParamSpec>;
}
export declare function contextShape(name: string, context: ManifestContext): ContextShape;
/** The instance a query names: each given parameter canonical, in name order. */
export declare function instanceFromQuery(shape: ContextShape, query: URLSearchParams): InstanceParams;
/** The instance a page route's parameters name (already percent-decoded). */
export declare function instanceFromRoute(shape: ContextShape, params: Readonly<Record<string, string>>): InstanceParams;
