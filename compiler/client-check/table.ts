// The names client code may pass to the runtime's `call`, and the private
// ones it may not. Built from the IR by the program hosts and from
// manifest.json by the bundler plugin, which has no program.
import type { Manifest } from "../../runtime/protocol/index.js";
import type { ProjectIR } from "../ir/types.js";

export interface CallTable {
  /** Every @client function the check knows by name, private ones included. */
  known: ReadonlySet<string>;
  private: ReadonlySet<string>;
}

export function tableFromIR(ir: ProjectIR): CallTable {
  return {
    known: new Set(ir.functions.map((f) => f.name)),
    private: new Set(ir.functions.filter((f) => f.private).map((f) => f.name)),
  };
}

/**
 * The manifest lists context reads and everything callable; a view path
 * that invalidates nothing is not in it, so the bundler plugin reports a
 * call of one by name as unknown (the server would answer 404 or 403).
 */
export function tableFromManifest(manifest: Manifest): CallTable {
  const mutations = Object.entries(manifest.mutations);
  return {
    known: new Set([...Object.values(manifest.contexts).flatMap((c) => c.functions), ...mutations.map(([name]) => name)]),
    private: new Set(mutations.filter(([, m]) => m.private).map(([name]) => name)),
  };
}
