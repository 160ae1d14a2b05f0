// What an endpoint answers, before it becomes a Fetch Response or is written
// to a node:http response directly (toNodeListener skips building a Response).
export const JSON_TYPE = "application/json";
/** The same answer with these headers set: a new headers object, the old one left as it was. */
export function withHeaders(out, added) {
    return { ...out, headers: { ...out.headers, ...added } };
}
/** Statuses whose response can never carry a body. */
export function isNullBodyStatus(status) {
    return status === 101 || status === 204 || status === 205 || status === 304;
}
export function toResponse(out, head) {
    const own = out.passthrough;
    if (own !== undefined) {
        const added = Object.entries(out.headers);
        if (added.length === 0 && !head)
            return own;
        // A fetched or redirect Response has immutable headers: copy them.
        const headers = new Headers(own.headers);
        for (const [name, value] of added)
            headers.set(name, value);
        return new Response(head ? null : own.body, { status: own.status, statusText: own.statusText, headers });
    }
    const body = head || isNullBodyStatus(out.status) ? null : out.body;
    return new Response(body, { status: out.status, headers: out.headers });
}
