// IR → the generated files. Each template is a pure function of the IR;
// prettier then formats each TypeScript file once, with fixed options (never
// a user's config) so every machine produces the same bytes.
import type { ProjectIR } from "../compiler/ir/types.js";
import { clientTemplate } from "./client.js";
import { manifestTemplate } from "./manifest.js";
import { routesTemplate, type Paths } from "./routes.js";

export interface GeneratedFile {
  /** File name inside the out folder. */
  name: "manifest.json" | "routes.ts" | "client.ts";
  text: string;
}

export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100, trailingComma: "all" } as const;

export type Format = (source: string) => Promise<string>;

export async function renderFiles(ir: ProjectIR, paths: Paths, format: Format): Promise<GeneratedFile[]> {
  const [routes, client] = await Promise.all([format(routesTemplate(ir, paths)), format(clientTemplate(ir))]);
  return [
    { name: "client.ts", text: client },
    { name: "manifest.json", text: manifestTemplate(ir) },
    { name: "routes.ts", text: routes },
  ];
}

export type { Paths };
