import { type Target } from "./targets.js";
/** Formats a normalized list; `""` when there is nothing to invalidate. */
export declare function formatInvalidateHeader(targets: readonly Target[]): string;
/** The same for a list already in normal form (what fitInvalidateTargets returns): no second normalization. */
export declare function formatNormalTargets(targets: readonly Target[]): string;
/** Parses a header into targets, in header order; values come back as strings. */
export declare function parseInvalidateHeader(header: string | null | undefined): Target[];
/**
 * Makes a target list fit the header limit by collapsing the context that
 * takes the most room to its broad target, again until it fits:
 * over-invalidate, never drop. The same list goes in the body and the header.
 */
export declare function fitInvalidateTargets(targets: readonly Target[], limit?: number): Target[];
/** The same for a list already in normal form. */
export declare function fitNormalTargets(normal: Target[], limit?: number): Target[];
