// What every purge adapter is: a name and `purge(tags)`. The tags come
// from `purgeTags` (tags.ts); an adapter batches them within its API's
// limits, retries what may succeed on a retry, and rejects with a
// PurgeError once it gives up. It never resolves without having purged.
export class PurgeError extends Error {
    purger;
    tags;
    attempts;
    status;
    constructor(message, purger, tags, attempts, 
    /** The last HTTP status, when there was an answer. */
    status, options) {
        super(message, options);
        this.purger = purger;
        this.tags = tags;
        this.attempts = attempts;
        this.status = status;
        this.name = "PurgeError";
    }
}
/** `items` in consecutive batches of at most `size`. */
export function batches(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** Batches of tags whose space-separated text stays within `maxBytes` (tags are ASCII). */
export function headerBatches(tags, maxBytes, maxCount) {
    const out = [];
    let current = [];
    let length = 0;
    for (const tag of tags) {
        const added = current.length === 0 ? tag.length : tag.length + 1;
        if (current.length > 0 && (length + added > maxBytes || current.length >= maxCount)) {
            out.push(current);
            current = [];
            length = 0;
        }
        length += current.length === 0 ? tag.length : tag.length + 1;
        current.push(tag);
    }
    if (current.length > 0)
        out.push(current);
    return out;
}
export function checkPositiveInteger(value, max, what) {
    if (!Number.isSafeInteger(value) || value < 1 || value > max)
        throw new TypeError(`mizan: ${what} must be a whole number from 1 to ${max}`);
    return value;
}
