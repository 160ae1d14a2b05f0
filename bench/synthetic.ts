// Writes synthetic projects for the benchmarks: many files, each either a
// service class with decorated static methods over its own types, or plain
// code of similar size that never mentions Mizan.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SyntheticOptions {
  dir: string;
  files: number;
  /** How many of the files declare @client methods. */
  decoratedFiles: number;
  methodsPerFile: number;
  /** tsconfig plugins entry (the transformer benchmark turns it on and off). */
  plugins?: object[];
}

function decoratedFile(i: number, methods: number): string {
  const lines = [
    `import { client, defineContext, type Req } from "mizan";`,
    `import type { Owner } from "./shared.js";`,
    ``,
    `export const Ctx${i} = defineContext("ctx${i}");`,
    ``,
    `export interface Item${i} {`,
    `  id: number;`,
    `  name: string;`,
    `  tags: string[];`,
    `  owner: Owner;`,
    `  status: "draft" | "live" | "archived";`,
    `  createdAt: Date;`,
    `}`,
    ``,
    `export class Service${i} {`,
  ];
  for (let m = 0; m < methods; m++) {
    if (m % 2 === 0) {
      lines.push(
        `  @client({ context: Ctx${i} })`,
        `  static async read${i}_${m}(ownerId: number, page?: number): Promise<Item${i}[]> {`,
        `    return [];`,
        `  }`,
      );
    } else {
      lines.push(
        `  @client({ affects: Ctx${i} })`,
        `  static async write${i}_${m}(req: Req, ownerId: number, patch: Partial<Pick<Item${i}, "name" | "tags" | "status">>): Promise<Item${i} | null> {`,
        `    return null;`,
        `  }`,
      );
    }
  }
  lines.push(`}`, ``);
  return lines.join("\n");
}

function plainFile(i: number, methods: number): string {
  const lines = [
    `import type { Owner } from "./shared.js";`,
    ``,
    `export interface Record${i} {`,
    `  id: number;`,
    `  name: string;`,
    `  owner: Owner;`,
    `}`,
    ``,
    `export class Store${i} {`,
    `  private rows: Record${i}[] = [];`,
  ];
  for (let m = 0; m < methods; m++) {
    lines.push(
      `  find${m}(id: number): Record${i} | undefined {`,
      `    return this.rows.find((row) => row.id === id + ${m});`,
      `  }`,
    );
  }
  lines.push(`}`, ``);
  return lines.join("\n");
}

export function writeSyntheticProject(options: SyntheticOptions): string {
  const { dir, files, decoratedFiles, methodsPerFile } = options;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src"), { recursive: true });
  const tsconfig = {
    extends: join(ROOT, "fixtures/tsconfig.base.json"),
    compilerOptions: { plugins: options.plugins ?? [{ transform: "mizan/transformer", out: "generated" }] },
    include: ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(dir, "src/shared.ts"), `export interface Owner {\n  id: number;\n  email: string;\n}\n`);
  // Decorated files are spread evenly among the plain ones.
  const every = decoratedFiles > 0 ? files / decoratedFiles : Infinity;
  let decorated = 0;
  for (let i = 0; i < files; i++) {
    const isDecorated = decorated < decoratedFiles && i >= Math.round(decorated * every);
    if (isDecorated) decorated++;
    writeFileSync(join(dir, `src/mod${i}.ts`), isDecorated ? decoratedFile(i, methodsPerFile) : plainFile(i, methodsPerFile));
  }
  return join(dir, "tsconfig.json");
}
