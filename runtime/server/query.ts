// A query string as the generated schemas read it: `{name: string}`, or
// `{name: string[]}` for a repeated key. A null-prototype object, so a key
// such as `__proto__` is an ordinary (and, to a strict schema, unknown) name.

export type RawQuery = Record<string, string | string[]>;

export function readQuery(params: URLSearchParams): RawQuery {
  const out: RawQuery = Object.create(null);
  for (const [name, value] of params) {
    const seen = out[name];
    if (seen === undefined) out[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[name] = [seen, value];
  }
  return out;
}
