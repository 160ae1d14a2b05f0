// The names client code may pass to the runtime's `call`, and the private
// ones it may not. Built from the IR by the program hosts and from
// manifest.json by the bundler plugin, which has no program.
import type { Manifest } from "../../runtime/protocol/index.js";
import type { ProjectIR } from "../ir/types.js";

export interface CallTable {
  /** Every @client function the check knows by name, private ones included. */
  known: ReadonlySet<string>;
  private: ReadonlySet<string>;
  /** Functions the server never answers at /call/ (a 404): a context's reads, by their context, and view paths, by their route. */
  uncallable: ReadonlyMap<string, Uncallable>;
}

export type Uncallable = { context: string } | { route: string };

export function tableFromIR(ir: ProjectIR): CallTable {
  return {
    known: new Set(ir.functions.map((f) => f.name)),
    private: new Set(ir.functions.filter((f) => f.private).map((f) => f.name)),
    uncallable: new Map(
      ir.functions.flatMap((f): [string, Uncallable][] => (f.context !== null ? [[f.name, { context: f.context }]] : f.route !== null ? [[f.name, { route: f.route }]] : [])),
    ),
  };
}

/**
 * The manifest lists context reads and everything callable; a view path
 * that invalidates nothing is not in it, so the bundler plugin reports a
 * call of one by name as unknown (the server would answer 404 or 403).
 */
export function tableFromManifest(manifest: Manifest): CallTable {
  const mutations = Object.entries(manifest.mutations);
  const reads = Object.entries(manifest.contexts).flatMap(([context, c]) => c.functions.map((name): [string, { context: string }] => [name, { context }]));
  const views = mutations.flatMap(([name, m]): [string, { route: string }][] => (m.route === null ? [] : [[name, { route: m.route }]]));
  return {
    known: new Set([...reads.map(([name]) => name), ...mutations.map(([name]) => name)]),
    private: new Set(mutations.filter(([, m]) => m.private).map(([name]) => name)),
    uncallable: new Map<string, Uncallable>([...reads, ...views]),
  };
}
