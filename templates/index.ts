// IR → the generated files. Each template is a pure function of the IR and
// prints its own formatting (templates/doc.ts), synchronously and fast, so
// both hosts (mizan-gen and the tspc transformer) produce the same bytes.
import type { ProjectIR } from "../compiler/ir/types.js";
import { clientTemplate } from "./client.js";
import { manifestTemplate } from "./manifest.js";
import type { PrintMemory } from "./doc.js";
import { routesTemplate } from "./routes.js";

export interface GeneratedFile {
  /** File name inside the out folder. */
  name: "manifest.json" | "routes.ts" | "client.ts";
  text: string;
}

/** `memory` keeps printed entries between renders of one project (watch mode). */
export function renderFiles(ir: ProjectIR, memory?: PrintMemory): GeneratedFile[] {
  return [
    { name: "client.ts", text: clientTemplate(ir, memory) },
    { name: "manifest.json", text: manifestTemplate(ir) },
    { name: "routes.ts", text: routesTemplate(ir, memory) },
  ];
}
