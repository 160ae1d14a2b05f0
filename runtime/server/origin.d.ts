import type { Incoming } from "./incoming.js";
/** The allow-list in the form browsers send (`new URL(o).origin`); throws on a bad entry. */
export declare function normalizeOrigins(origins: readonly string[]): ReadonlySet<string>;
export declare function checkOrigin(incoming: Incoming, allowed: ReadonlySet<string>): void;
