import type { IncomingMessage, ServerResponse } from "node:http";
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;
export declare function toNodeListener(handler: (request: Request) => Promise<Response>): NodeListener;
