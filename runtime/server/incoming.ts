// The request as the endpoints see it. The Fetch entry wraps a Request; the
// node:http entry wraps an IncomingMessage without building a Request unless
// a function or a hook asks for one (a Request costs more than the rest of a
// context read).

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false };

export interface Incoming {
  readonly method: string;
  readonly url: URL;
  /** A request header (lowercase name), or null. */
  header(name: string): string | null;
  /**
   * Reads the body, stopping once it passes `limit` bytes (`{ok: false}`);
   * the rest is then drained or cancelled, never buffered.
   */
  readBody(limit: number): Promise<BodyRead>;
  /** The standard Request, built on first use. */
  request(): Request;
}

export function fromRequest(request: Request): Incoming {
  return {
    method: request.method,
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    readBody: (limit) => readStream(request.body, limit),
    request: () => request,
  };
}

async function readStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyRead> {
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: concat(chunks, size) };
}

export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
