// Writes synthetic projects for the benchmarks: many files, each either a
// service class with decorated static methods over its own types, or plain
// code of similar size that never mentions Mizan.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const SHARED = `export interface Owner {
  id: number;
  email: string;
}

export interface Store<T extends { id: number }> {
  all(): T[];
  put(id: number, value: T): void;
}

export function store<T extends { id: number }>(): Store<T> {
  const rows = new Map<number, T>();
  return { all: () => [...rows.values()], put: (id, value) => void rows.set(id, value) };
}
`;

export interface SyntheticOptions {
  dir: string;
  files: number;
  /** How many of the files declare @client methods. */
  decoratedFiles: number;
  methodsPerFile: number;
  /** tsconfig plugins entry (the transformer benchmark turns it on and off). */
  plugins?: object[];
  /** "trivial": decorated methods return at once, so a type-checker has little beyond the signatures. Default "realistic". */
  bodies?: "realistic" | "trivial";
}

function decoratedFile(i: number, methods: number, trivial: boolean): string {
  const lines = [
    `import { client, defineContext, type Req } from "mizan";`,
    `import { store, type Owner } from "./shared.js";`,
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
    `const items${i} = store<Item${i}>();`,
    ``,
    `export class Service${i} {`,
  ];
  // Bodies do what server functions do (filter, sort, map, update), so a
  // type-checker has the work a real project gives it.
  for (let m = 0; m < methods; m++) {
    if (trivial) {
      lines.push(
        m % 2 === 0 ? `  @client({ context: Ctx${i} })` : `  @client({ affects: Ctx${i} })`,
        m % 2 === 0
          ? `  static async read${i}_${m}(ownerId: number, page?: number): Promise<Item${i}[]> { return []; }`
          : `  static async write${i}_${m}(req: Req, ownerId: number, patch: Partial<Pick<Item${i}, "name" | "tags" | "status">>): Promise<Item${i} | null> { return null; }`,
      );
    } else if (m % 2 === 0) {
      lines.push(
        `  @client({ context: Ctx${i} })`,
        `  static async read${i}_${m}(ownerId: number, page?: number): Promise<Item${i}[]> {`,
        `    const size = 20;`,
        `    const start = (page ?? 0) * size;`,
        `    return items${i}`,
        `      .all()`,
        `      .filter((item) => item.owner.id === ownerId && item.status !== "archived")`,
        `      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())`,
        `      .slice(start, start + size);`,
        `  }`,
      );
    } else {
      lines.push(
        `  @client({ affects: Ctx${i} })`,
        `  static async write${i}_${m}(req: Req, ownerId: number, patch: Partial<Pick<Item${i}, "name" | "tags" | "status">>): Promise<Item${i} | null> {`,
        `    const current = items${i}.all().find((item) => item.owner.id === ownerId);`,
        `    if (!current || req.user === null) return null;`,
        `    const next: Item${i} = { ...current, ...patch, tags: [...new Set([...current.tags, ...(patch.tags ?? [])])] };`,
        `    items${i}.put(next.id, next);`,
        `    return next;`,
        `  }`,
      );
    }
  }
  lines.push(`}`, ``);
  return lines.join("\n");
}

function plainFile(i: number, methods: number): string {
  const lines = [
    `import { store, type Owner } from "./shared.js";`,
    ``,
    `export interface Record${i} {`,
    `  id: number;`,
    `  name: string;`,
    `  owner: Owner;`,
    `  score: number;`,
    `}`,
    ``,
    `const rows${i} = store<Record${i}>();`,
    ``,
    `export class Store${i} {`,
  ];
  for (let m = 0; m < methods; m++) {
    lines.push(
      `  static top${m}(ownerId: number, limit = ${m + 1}): string[] {`,
      `    return rows${i}`,
      `      .all()`,
      `      .filter((row) => row.owner.id === ownerId && row.score > ${m})`,
      `      .sort((a, b) => b.score - a.score)`,
      `      .slice(0, limit)`,
      `      .map((row) => \`\${row.name} (\${row.score.toFixed(1)})\`);`,
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
    compilerOptions: { plugins: options.plugins ?? [{ transform: "mizan-gen/transformer", out: "generated" }] },
    include: ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(dir, "src/shared.ts"), SHARED);
  // Decorated files are spread evenly among the plain ones.
  const every = decoratedFiles > 0 ? files / decoratedFiles : Infinity;
  let decorated = 0;
  for (let i = 0; i < files; i++) {
    const isDecorated = decorated < decoratedFiles && i >= Math.round(decorated * every);
    if (isDecorated) decorated++;
    writeFileSync(join(dir, `src/mod${i}.ts`), isDecorated ? decoratedFile(i, methodsPerFile, options.bodies === "trivial") : plainFile(i, methodsPerFile));
  }
  return join(dir, "tsconfig.json");
}

/**
 * Makes a synthetic project use its generated files as real ones do (a
 * server module importing routes.ts, a client module importing client.ts)
 * and resolve mizan and mizan-gen as an install would.
 */
export function useGeneratedFiles(dir: string): void {
  writeFileSync(join(dir, "src/server.ts"), `import { routes } from "../generated/routes.js";\nexport const table = routes;\n`);
  writeFileSync(join(dir, "src/client-app.ts"), `import * as api from "../generated/client.js";\nexport const stubs = api;\n`);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(join(ROOT, "runtime"), join(dir, "node_modules/mizan"), "dir");
  symlinkSync(ROOT, join(dir, "node_modules/mizan-gen"), "dir");
}
