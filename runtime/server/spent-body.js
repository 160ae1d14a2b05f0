const encoder = new TextEncoder();
/** The body the request's stream already gave to someone else, or undefined when the stream is still unread. */
export function spentBody(req) {
    if (!req.readableEnded)
        return undefined;
    const body = req.body;
    if (body instanceof Uint8Array)
        return { bytes: body };
    if (typeof body === "string")
        return { bytes: encoder.encode(body) };
    if (typeof body === "object" && body !== null) {
        try {
            return { bytes: encoder.encode(JSON.stringify(body)) };
        }
        catch {
            // Nested deeper than the stack allows, or a value JSON cannot hold.
            return { bytes: undefined, why: "the request body another middleware parsed cannot be read back as JSON" };
        }
    }
    return { bytes: undefined, why: "the request body was read by another middleware before Mizan, which left nothing on req.body" };
}
