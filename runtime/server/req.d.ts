import type { Req } from "../index.js";
/** Where a req's request and signal come from: the Incoming, or what `invoke` was given. */
export interface ReqSource {
    request(): Request;
    readonly cancellation: {
        readonly signal: AbortSignal;
    };
}
export declare function makeReq<User>(user: User | null, source: ReqSource): Req<User>;
