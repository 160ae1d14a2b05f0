import type { BodyRead, Incoming } from "./incoming.js";
/** `application/json`, optionally with `charset=utf-8`; anything else is 415. */
export declare function checkJsonType(contentType: string | null): void;
/** 413 for a body whose declared length is over the limit, before anything is read. */
export declare function checkDeclaredLength(incoming: Incoming, limit: number): void;
/** The arguments object in a call body (413 when it was over the limit). */
export declare function jsonObject(read: BodyRead, limit: number, maxDepth: number): Record<string, unknown>;
/** Whether arrays and objects nest deeper than `max` anywhere outside strings: one pass, no recursion. */
export declare function nestedDeeper(text: string, max: number): boolean;
