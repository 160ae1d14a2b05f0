// The named types a generated file needs, in an order where each comes
// after those it uses, and which of them are recursive (they need z.lazy).
import { refsOf, refsReached, type Side } from "../compiler/ir/schema-walk.js";
import type { NamedType, Schema } from "../compiler/ir/types.js";

export interface OrderedTypes {
  /** Dependencies first; ties broken by name. */
  order: NamedType[];
  /** Types that reach themselves. */
  recursive: Set<string>;
}

/** `side`: of values an app's schema validates, the one the file prints (see Side). */
export function orderNamedTypes(types: readonly NamedType[], roots: Iterable<Schema>, side: Side): OrderedTypes {
  const byName = new Map(types.map((t) => [t.name, t]));
  const deps = new Map(types.map((t) => [t.name, [...refsOf(t.schema, side)].sort()]));
  const needed = refsReached(roots, (name) => byName.get(name)?.schema, side);

  const recursive = new Set<string>();
  for (const name of needed) {
    const seen = new Set<string>();
    const stack = [...(deps.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === name) {
        recursive.add(name);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(deps.get(next) ?? []));
    }
  }

  const order: NamedType[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const dep of deps.get(name) ?? []) place(dep, path);
    path.delete(name);
    placed.add(name);
    order.push(byName.get(name)!);
  };
  for (const name of [...needed].sort()) place(name, new Set());
  return { order, recursive };
}
