// The Headers `authenticate` reads on the node:http entry (request-head.ts).
// Filling a Headers from node:http's raw list costs several hundred ns per
// request (an append per header, each validated), and an authenticate
// almost always reads one or two headers by name. So `get` reads the raw
// list directly, with the same result, and any other member first fills
// the Headers as nodeHeaders would, then answers as a Headers. It is a real
// Headers: `instanceof Headers`, and `new Headers(it)`, `new Request(url,
// { headers: it })` and fetch read it through its iterator, which fills it.

/** A header name as Headers accepts it (an RFC 9110 token): anything else goes to Headers, which throws. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** The whitespace Headers strips from both ends of a value (node:http already has; checked, not assumed). */
const HTTP_WHITESPACE = /^[\t\n\r ]|[\t\n\r ]$/;

export class NodeHeaders extends Headers {
  #raw: readonly string[] | undefined;

  constructor(raw: readonly string[]) {
    super();
    this.#raw = raw;
  }

  override get(name: string): string | null {
    const raw = this.#raw;
    if (raw === undefined || typeof name !== "string" || !TOKEN.test(name)) return this.#exact(name);
    const wanted = name.toLowerCase();
    // As Headers joins several lines: `; ` for Cookie (its own list separator), `, ` for every other field.
    const separator = wanted === "cookie" ? "; " : ", ";
    let out: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const field = raw[i]!;
      if (field.length !== wanted.length || field.toLowerCase() !== wanted) continue;
      const value = raw[i + 1]!;
      // Headers would strip it: take the exact path rather than repeat its rules here.
      if (HTTP_WHITESPACE.test(value)) return this.#exact(name);
      out = out === null ? value : out + separator + value;
    }
    return out;
  }

  /** Headers' own answer, from the filled list. */
  #exact(name: string): string | null {
    this.#filled();
    return super.get(name);
  }

  /** Itself, with every raw header appended (once). */
  #filled(): Headers {
    const raw = this.#raw;
    if (raw !== undefined) {
      this.#raw = undefined;
      for (let i = 0; i + 1 < raw.length; i += 2) super.append(raw[i]!, raw[i + 1]!);
    }
    return this;
  }

  static {
    // Every other member of Headers fills first: iteration, has, set, append, delete, getSetCookie, inspection.
    const prototype = Headers.prototype as unknown as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(prototype)) {
      const member = Object.getOwnPropertyDescriptor(prototype, key)!.value as unknown;
      if (key === "constructor" || key === "get" || typeof member !== "function") continue;
      Object.defineProperty(NodeHeaders.prototype, key, {
        configurable: true,
        writable: true,
        value: function (this: NodeHeaders, ...args: unknown[]) {
          return (member as (...a: unknown[]) => unknown).apply(this.#filled(), args);
        },
      });
    }
  }
}
