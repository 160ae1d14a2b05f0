// A request whose body another middleware read before Mizan: express.json()
// (on by default in NestJS), express.raw() or express.text() consume the
// stream and leave what they read on `req.body`. Waiting for the stream
// would wait for nothing until the body timeout, so the body is taken from
// there: bytes as they are, text as UTF-8, a parsed value as its JSON text
// (Mizan then reads it with its own rules: depth, `__proto__`, the schemas).
import type { IncomingMessage } from "node:http";

const encoder = new TextEncoder();

/** The body the request's stream already gave to someone else, or undefined when the stream is still unread. */
export function spentBody(req: IncomingMessage): { bytes: Uint8Array } | { bytes: undefined; why: string } | undefined {
  if (!req.readableEnded) return undefined;
  const body = (req as { body?: unknown }).body;
  if (body instanceof Uint8Array) return { bytes: body };
  if (typeof body === "string") return { bytes: encoder.encode(body) };
  if (typeof body === "object" && body !== null) {
    try {
      return { bytes: encoder.encode(JSON.stringify(body)) };
    } catch {
      // Nested deeper than the stack allows, or a value JSON cannot hold.
      return { bytes: undefined, why: "the request body another middleware parsed cannot be read back as JSON" };
    }
  }
  return { bytes: undefined, why: "the request body was read by another middleware before Mizan, which left nothing on req.body" };
}
