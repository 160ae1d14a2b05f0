// TypeScript's patterns with at most one `*` (`paths` keys, `declare module
// "x*"`): the text a pattern matches, as TypeScript matches it.

/** What `*` stands for when `text` matches `pattern` ("" for a pattern without one, matched exactly); undefined when it does not match. */
export function starMatch(pattern: string, text: string): string | undefined {
  const star = pattern.indexOf("*");
  if (star < 0) return text === pattern ? "" : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (text.length < prefix.length + suffix.length || !text.startsWith(prefix) || !text.endsWith(suffix)) return undefined;
  return text.slice(prefix.length, text.length - suffix.length);
}
