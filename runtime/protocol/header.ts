// The X-Mizan-Invalidate header codec (PROTOCOL §5):
//   header = target *( "," OWS target )
//   target = context [ "." fn ] *( ";" name "=" value )
// Values are percent-encoded, so a separator or control character can never
// appear raw. Parsing over-invalidates rather than drops: a target whose
// params cannot be read becomes its broad context.
import { INVALIDATE_HEADER_LIMIT } from "./names.js";
import { normalizeTargets, type ParamValue, type Target } from "./targets.js";

// A lone surrogate would make encodeURIComponent throw; it becomes U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether the text holds a lone surrogate, which UTF-8, and so no URL, can carry (`search` ignores the regex's state). */
export function hasLoneSurrogate(text: string): boolean {
  return text.search(LONE_SURROGATE) !== -1;
}

// What encodeURIComponent leaves as it is: most names and values, which then skip it.
const UNRESERVED = /^[\w.!~*'()-]*$/;
const UNRESERVED_NO_DOT = /^[\w!~*'()-]*$/;

function encode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
}

// encodeURIComponent leaves "." alone, but "." separates context from fn.
function encodeName(name: string): string {
  if (UNRESERVED_NO_DOT.test(name)) return name;
  return encode(name).replace(/\./g, "%2E");
}

function formatOne(target: Target): string {
  if (typeof target === "string") return encodeName(target);
  const { context, fn, params } = target;
  let out = fn === undefined ? encodeName(context) : `${encodeName(context)}.${encodeName(fn)}`;
  // Sorted again: an object lists integer-like keys ("2", "10") first, whatever the order they were set in.
  if (params !== undefined) for (const name of Object.keys(params).sort()) out += `;${encode(name)}=${encode(String(params[name]))}`;
  return out;
}

/** Formats a normalized list; `""` when there is nothing to invalidate. */
export function formatInvalidateHeader(targets: readonly Target[]): string {
  return formatNormalTargets(normalizeTargets(targets));
}

/** The same for a list already in normal form (what fitInvalidateTargets returns): no second normalization. */
export function formatNormalTargets(targets: readonly Target[]): string {
  let out = "";
  for (let i = 0; i < targets.length; i++) out += (i > 0 ? ", " : "") + formatOne(targets[i]!);
  return out;
}

/** undefined for no text, or text that is not percent-encoded UTF-8. */
function decode(text: string | undefined): string | undefined {
  try {
    return text === undefined ? text : decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function parseOne(text: string): Target | undefined {
  const [head = "", ...pairs] = text.split(";");
  // The first "." ends the context, the first "=" a param's name: the rest is the fn, or the value.
  const [rawContext, rawFn] = head.split(/\.([^]*)/);
  const context = decode(rawContext);
  const fn = decode(rawFn);
  if (!context) return undefined;
  if (rawFn !== undefined && !fn) return context;
  const params: [string, ParamValue][] = [];
  for (const pair of pairs) {
    const [rawName, rawValue] = pair.split(/=([^]*)/);
    const name = decode(rawName);
    const value = decode(rawValue);
    if (!name || value === undefined) return context; // unreadable scope: the whole context
    params.push([name, value]);
  }
  // fromEntries defines own properties, so a param named "__proto__" stays a param.
  // The JSON form is built here rather than by makeTarget, whose sorting a client bundle does not need.
  if (params.length === 0) return fn === undefined ? context : { context, fn };
  const scope = Object.fromEntries(params);
  return fn === undefined ? { context, params: scope } : { context, fn, params: scope };
}

/** Parses a header into targets, in header order; values come back as strings. */
export function parseInvalidateHeader(header: string | null | undefined): Target[] {
  // In header order: a header from formatInvalidateHeader is already normal, and
  // matching does not need it to be (this keeps normalizeTargets out of client bundles).
  return header ? header.split(",").flatMap((piece) => parseOne(piece.trim()) ?? []) : [];
}

/**
 * Makes a target list fit the header limit by collapsing the context that
 * takes the most room to its broad target, again until it fits:
 * over-invalidate, never drop. The same list goes in the body and the header.
 */
export function fitInvalidateTargets(targets: readonly Target[], limit = INVALIDATE_HEADER_LIMIT): Target[] {
  return fitNormalTargets(normalizeTargets(targets), limit);
}

/** The same for a list already in normal form. */
export function fitNormalTargets(normal: Target[], limit = INVALIDATE_HEADER_LIMIT): Target[] {
  // encodeURIComponent writes at most 9 characters for one UTF-16 unit: a
  // list that short unencoded fits without being formatted (nearly every list).
  if (9 * rawLength(normal) <= limit) return normal;
  let list = normal;
  for (;;) {
    const size = new Map<string, number>();
    let total = 0;
    for (const target of list) {
      const length = formatOne(target).length + 2;
      total += length;
      if (typeof target !== "string") size.set(target.context, (size.get(target.context) ?? 0) + length);
    }
    if (total - 2 <= limit || size.size === 0) return list;
    const [widest] = [...size.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    list = normalizeTargets([...list, widest]);
  }
}

/** The characters of a list's header before encoding, separators included. */
function rawLength(targets: readonly Target[]): number {
  let length = 0;
  for (const target of targets) {
    length += 2;
    if (typeof target === "string") {
      length += target.length;
      continue;
    }
    length += target.context.length + (target.fn === undefined ? 0 : target.fn.length + 1);
    const params = target.params ?? {};
    for (const name in params) length += name.length + String(params[name]).length + 2;
  }
  return length;
}
