// A context instance's parameters as an edge sees them: query strings or
// route segments, read into the canonical strings that §4 compares. The
// manifest spells each parameter's type in TypeScript syntax; a number is
// written as JavaScript writes it (`05` and `5.0` are the instance `5`,
// as the origin's schema reads them), a boolean as `true`/`false`.
import type { ManifestContext } from "../protocol/manifest.js";

export type ParamKind = "number" | "boolean" | "string";
export interface ParamSpec {
  readonly kind: ParamKind;
  readonly array: boolean;
}
/** Canonical instance params: a string, or the strings of an array param. */
export type InstanceParams = Readonly<Record<string, string | readonly string[]>>;

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** `number`, `1 | 2`, `boolean`, `string[]`, `readonly ("a" | "b")[]`, `Array<number>` … */
export function paramSpec(type: string): ParamSpec {
  let text = type.trim().replace(/^readonly\s+/, "");
  let array = false;
  const generic = /^(?:ReadonlyArray|Array)<(.*)>$/.exec(text);
  if (generic !== null) {
    array = true;
    text = generic[1]!;
  } else if (text.endsWith("[]")) {
    array = true;
    text = text.slice(0, -2).trim();
    if (text.startsWith("(") && text.endsWith(")")) text = text.slice(1, -1);
  }
  const members = text.split("|").map((member) => member.trim());
  const kind: ParamKind = members.every((m) => m === "number" || NUMBER.test(m))
    ? "number"
    : members.every((m) => m === "boolean" || m === "true" || m === "false")
      ? "boolean"
      : "string";
  return { kind, array };
}

export function canonicalValue(kind: ParamKind, raw: string): string {
  if (kind === "number") return NUMBER.test(raw) ? String(Number(raw)) : raw;
  if (kind === "boolean") return raw === "1" ? "true" : raw === "0" ? "false" : raw;
  return raw;
}

export interface ContextShape {
  readonly name: string;
  readonly params: ReadonlyMap<string, ParamSpec>;
}

export function contextShape(name: string, context: ManifestContext): ContextShape {
  return { name, params: new Map(Object.entries(context.params).map(([param, type]) => [param, paramSpec(type)])) };
}

/** The instance a query names: each given parameter canonical, in name order. */
export function instanceFromQuery(shape: ContextShape, query: URLSearchParams): InstanceParams {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const name of [...new Set(query.keys())].sort()) {
    const spec = shape.params.get(name) ?? { kind: "string", array: false };
    const values = query.getAll(name).map((value) => canonicalValue(spec.kind, value));
    out[name] = spec.array || values.length > 1 ? values : values[0]!;
  }
  return out;
}

/** The instance a page route's parameters name (already percent-decoded). */
export function instanceFromRoute(shape: ContextShape, params: Readonly<Record<string, string>>): InstanceParams {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const name of Object.keys(params).sort()) {
    const spec = shape.params.get(name) ?? { kind: "string", array: false };
    const value = canonicalValue(spec.kind, params[name]!);
    out[name] = spec.array ? [value] : value;
  }
  return out;
}
