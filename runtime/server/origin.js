// The CSRF rule for calls (PROTOCOL §3): a browser always sends Origin on a
// cross-site POST, so an Origin that is neither ours nor allowed is refused.
// `Origin: null` (sandboxed frames, some redirects) is cross-origin. No Origin
// at all is a non-browser client (curl, a webhook, a server) and passes.
import { MizanHttpError } from "./errors.js";
/** The allow-list in the form browsers send (`new URL(o).origin`); throws on a bad entry. */
export function normalizeOrigins(origins) {
    return new Set(origins.map((origin) => {
        const normal = URL.canParse(origin) ? new URL(origin).origin : "null";
        if (normal === "null")
            throw new TypeError(`mizan: allowedOrigins: "${origin}" is not an http(s) origin`);
        return normal;
    }));
}
export function checkOrigin(incoming, allowed) {
    const origin = incoming.header("origin");
    if (origin === null || origin === incoming.url.origin || allowed.has(origin))
        return;
    // The Host the client addressed, with the request's scheme: a Fetch runtime may hand over
    // a URL naming another (Next.js's `next start` says http://localhost:3000 whatever was asked).
    const host = incoming.header("host");
    if (host !== null && origin === `${incoming.url.protocol}//${host}`)
        return;
    throw new MizanHttpError("forbidden", "cross-origin request refused: the Origin is neither this server's nor allowed");
}
