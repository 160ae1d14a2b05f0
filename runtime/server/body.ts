// The JSON body of a call: media type, size limit, UTF-8, an object at the
// top, and no key that could reach a prototype.
import { MizanHttpError } from "./errors.js";
import type { BodyRead, Incoming } from "./incoming.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** `application/json`, optionally with `charset=utf-8`; anything else is 415. */
export function checkJsonType(contentType: string | null): void {
  // What every Mizan client sends: nothing to split.
  if (contentType === "application/json") return;
  const [type = "", ...params] = (contentType ?? "").split(";");
  const ok =
    type.trim().toLowerCase() === "application/json" &&
    params.every((param) => {
      const [name = "", value = ""] = param.split("=");
      return name.trim().toLowerCase() !== "charset" || value.trim().replace(/^"|"$/g, "").toLowerCase() === "utf-8";
    });
  if (!ok) throw new MizanHttpError("unsupported_media_type", "a call takes a JSON body: Content-Type must be application/json");
}

// Built only when thrown: an Error captures a stack trace, which costs.
function tooLarge(limit: number): MizanHttpError {
  return new MizanHttpError("payload_too_large", `the body is larger than ${limit} bytes`);
}

/** 413 for a body whose declared length is over the limit, before anything is read. */
export function checkDeclaredLength(incoming: Incoming, limit: number): void {
  const declared = incoming.header("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
}

/** The arguments object in a call body (413 when it was over the limit). */
export function jsonObject(read: BodyRead, limit: number, maxDepth: number): Record<string, unknown> {
  if (!read.ok) throw tooLarge(limit);
  if (read.bytes.byteLength === 0) return {};
  let text: string;
  try {
    text = decoder.decode(read.bytes);
  } catch {
    throw new MizanHttpError("bad_request", "the body is not valid UTF-8");
  }
  if (text.trim() === "") return {};
  // Before parsing: zod validates a recursive type recursively, so a body
  // nested a few thousand deep would overflow the stack there.
  if (text.length > maxDepth && nestedDeeper(text, maxDepth)) {
    throw new MizanHttpError("bad_request", `the body is nested deeper than ${maxDepth} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MizanHttpError("bad_request", "the body is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MizanHttpError("bad_request", "the body must be a JSON object of named arguments");
  }
  // Only a key spelled `__proto__` (plainly or with \u escapes) needs the walk.
  if (text.includes("__proto__") || text.includes("\\u")) rejectPrototypeKeys(value);
  return value as Record<string, unknown>;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether arrays and objects nest deeper than `max` anywhere outside strings: one pass, no recursion. */
export function nestedDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * JSON.parse makes `__proto__` an own property, harmless by itself, but a
 * later `Object.assign` or deep merge in user code would turn it into a
 * prototype. Such a body is refused (400) rather than silently altered.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
function rejectPrototypeKeys(root: object): void {
  interface Node {
    value: object;
    parent: Node | undefined;
    key: string | number;
  }
  const stack: Node[] = [{ value: root, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!Array.isArray(node.value) && Object.hasOwn(node.value, "__proto__")) {
      const path: (string | number)[] = ["__proto__"];
      for (let at: Node | undefined = node; at?.parent !== undefined; at = at.parent) path.unshift(at.key);
      const message = "the key __proto__ is not allowed";
      throw new MizanHttpError("bad_request", message, { issues: [{ path, message, code: "unrecognized_keys" }] });
    }
    const isArray = Array.isArray(node.value);
    for (const [key, child] of Object.entries(node.value)) {
      if (child !== null && typeof child === "object") {
        stack.push({ value: child, parent: node, key: isArray ? Number(key) : key });
      }
    }
  }
}
