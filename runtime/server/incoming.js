// The request as the endpoints see it. The Fetch entry wraps a Request; the
// node:http entry wraps an IncomingMessage without building a Request unless
// a function or a hook asks for one (a Request costs more than the rest of a
// context read).
import { MizanHttpError } from "./errors.js";
/**
 * The client went away before its body arrived (a reset, a closed socket, a
 * failing request stream). Nobody is left to answer and nothing is wrong
 * with the server, so it is not reported to onError: anyone could flood
 * error logs and metrics by aborting uploads.
 */
export class ClientGone extends Error {
    cause;
    constructor(cause) {
        super("the client went away before its request body arrived");
        this.cause = cause;
    }
}
/** A body slower than the body timeout: 408, and the connection is not kept. */
export function bodyTimedOut(timeout) {
    return new MizanHttpError("request_timeout", `the request body did not arrive within ${timeout} ms`, {
        headers: { connection: "close" },
    });
}
export function fromRequest(request) {
    const url = new URL(request.url);
    return {
        method: request.method,
        path: url.pathname,
        search: url.search,
        url,
        header: (name) => request.headers.get(name),
        readBody: (limit, timeout) => readStream(request.body, limit, timeout),
        request: () => request,
        requestHead: () => request,
    };
}
async function readStream(body, limit, timeout) {
    if (body === null)
        return { ok: true, bytes: new Uint8Array(0) };
    const reader = body.getReader();
    let timer;
    const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(bodyTimedOut(timeout)), timeout);
    });
    const chunks = [];
    let size = 0;
    try {
        for (;;) {
            const read = reader.read().catch((error) => {
                throw new ClientGone(error);
            });
            const { done, value } = await Promise.race([read, late]);
            if (done)
                break;
            size += value.byteLength;
            if (size > limit) {
                await reader.cancel().catch(() => undefined);
                return { ok: false };
            }
            chunks.push(value);
        }
    }
    catch (error) {
        if (!(error instanceof ClientGone))
            await reader.cancel().catch(() => undefined);
        throw error;
    }
    finally {
        clearTimeout(timer);
    }
    return { ok: true, bytes: concat(chunks, size) };
}
export function concat(chunks, size) {
    if (chunks.length === 1)
        return chunks[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.byteLength;
    }
    return out;
}
