import type { IncomingMessage } from "node:http";
/** The body the request's stream already gave to someone else, or undefined when the stream is still unread. */
export declare function spentBody(req: IncomingMessage): {
    bytes: Uint8Array;
} | {
    bytes: undefined;
    why: string;
} | undefined;
