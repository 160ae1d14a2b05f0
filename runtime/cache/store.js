export function payloadOf(entry) {
    // JSON escapes newlines, so the first one ends the headers.
    return `${JSON.stringify(entry.headers)}\n${entry.body}`;
}
export function entryOf(payload) {
    const at = payload.indexOf("\n");
    if (at < 0)
        return undefined;
    try {
        return { headers: JSON.parse(payload.slice(0, at)), body: payload.slice(at + 1) };
    }
    catch {
        return undefined;
    }
}
/** What an entry counts against a byte budget: its body and headers as UTF-8, plus bookkeeping. */
export function entryBytes(key, entry) {
    let headers = 0;
    for (const name in entry.headers)
        headers += name.length + entry.headers[name].length + 4;
    return Buffer.byteLength(entry.body) + headers + key.length + 128;
}
