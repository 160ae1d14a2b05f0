// The entry of `node --build-snapshot`: loads TypeScript, parses the
// declaration files a job lists, and leaves both on globalThis for the
// process started from the snapshot, whose main function loads mizan-gen's
// CLI (process.argv[1]) with require. Only Node's own modules can be
// required here, so typescript.js is evaluated from its text.
// The builder runs a script with `require` alone, where TypeScript's emit of
// a .cts needs `exports`: runner.ts hands it this file's text after a
// declaration of one.
const fs = require("node:fs") as typeof import("node:fs");
const path = require("node:path") as typeof import("node:path");
const v8 = require("node:v8") as typeof import("node:v8");
const Module = require("node:module") as typeof import("node:module");
type TS = typeof import("typescript");
type FileRequest = import("./state.js", { with: { "resolution-mode": "import" } }).FileRequest;
type PreparedFile = import("./state.js", { with: { "resolution-mode": "import" } }).PreparedFile;
type SnapshotState = import("./state.js", { with: { "resolution-mode": "import" } }).SnapshotState;

interface Job {
  format: number;
  typescript: string;
  files: FileRequest[];
}

const job = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Job;
const ts = loadTypescript(job.typescript);
const files: PreparedFile[] = [];
for (const request of job.files) {
  try {
    // Stat first: a file written between the stat and the read is older in the record than on disk, so it is parsed again.
    const { size, mtimeMs, ctimeMs, ino } = fs.statSync(request.fileName);
    const text = ts.sys.readFile(request.fileName);
    if (text === undefined) continue;
    const options = { languageVersion: request.languageVersion, impliedNodeFormat: request.impliedNodeFormat, jsDocParsingMode: request.jsDocParsingMode } as import("typescript").CreateSourceFileOptions;
    // As TypeScript's compiler host parses (no parent pointers).
    const file = ts.createSourceFile(request.fileName, text, options, false);
    // Bound as a checker binds it: a declaration file's binding depends on the target alone
    // (which is the parse's languageVersion); a program's checker skips a file bound already.
    (ts as unknown as { bindSourceFile(file: import("typescript").SourceFile, options: import("typescript").CompilerOptions): void }).bindSourceFile(file, { target: request.languageVersion });
    files.push({ request, file, size, mtimeMs, ctimeMs, ino });
  } catch {
    // Gone since the run that listed it: not in the snapshot.
  }
}
// The ES view of the module type (with its `default`) is what mizan-gen imports.
warmUp(ts);
const state: SnapshotState = { format: job.format, typescript: job.typescript, ts: ts as unknown as SnapshotState["ts"], files };
// state.ts's STATE and paths.ts's STARTED_FD, spelled out: this script can import nothing of mizan-gen's.
(globalThis as Record<symbol, unknown>)[Symbol.for("mizan-gen.snapshot")] = state;

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Tells launch.ts that the process started: a failure from here on is the run's, not the snapshot's.
  const started = process.env.MIZAN_SNAPSHOT_STARTED_FD;
  if (started !== undefined) {
    delete process.env.MIZAN_SNAPSHOT_STARTED_FD;
    try {
      fs.writeSync(Number(started), "1");
      fs.closeSync(Number(started));
    } catch {
      // Not there: nobody to tell.
    }
  }
  const main = path.resolve(process.argv[1]!);
  Module.createRequire(main)(main);
});

function loadTypescript(file: string): TS {
  const module = { exports: {} as TS };
  const source = fs.readFileSync(file, "utf8");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way to load a file here
  new Function("exports", "require", "module", "__filename", "__dirname", source)(module.exports, require, module, file, path.dirname(file));
  return module.exports;
}

/**
 * Type-checks a small program and asks its checker what mizan-gen's analysis
 * asks, so that the snapshot holds the parser's, binder's and checker's
 * compiled code too: a process started from it would otherwise compile them
 * again (V8's code cache, which a plain run reads, is not used there).
 */
function warmUp(ts: TS): void {
  const texts = new Map([
    ["/warm-up/shared.ts", `
      export interface Owner { id: string; name: string | null }
      export type Status = "draft" | "live";
      export const store = new Map<number, Owner>();
    `],
    ["/warm-up/api.ts", `
      import { store, type Owner, type Status } from "./shared.js";
      declare function client(options?: { context?: unknown; affects?: readonly unknown[] }): <T>(target: T, context: unknown) => T;
      declare function defineContext<const N extends string>(name: N): { readonly name: N; readonly viewUrls: readonly string[] };
      export const Items = defineContext("items");
      export interface Item { id: number; name?: string; tags: readonly string[]; owner: Owner; status: Status; at: Date }
      export type Page<T> = { items: T[]; next: string | null; byId: Record<string, T> };
      export class Service {
        @client({ context: Items })
        static async find(id: number, filter: Partial<Item> = {}, tags?: [string, ...number[]]): Promise<Item | null> { return id > 0 ? { id, tags: [], owner: store.get(id)!, status: "live", at: new Date(), ...filter } : null; }
        @client({ affects: [Items] })
        static async list(page: { cursor?: string; size: number }): Promise<Page<Pick<Item, "id" | "name">>> { return { items: [], next: page.cursor ?? null, byId: {} }; }
      }
      export type Mapped<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
      export const pick = <T, K extends keyof T>(o: T, k: K): T[K] => o[k];
      export enum Kind { A = "a", B = "b" }
      export function isKind(x: unknown): x is Kind { return x === Kind.A || x === Kind.B; }
    `],
  ]);
  const host = ts.createCompilerHost({}, false);
  const original = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => texts.has(name) || exists(name);
  host.directoryExists = (name) => name === "/warm-up" || ts.sys.directoryExists(name);
  host.getSourceFile = (name, options, onError) => {
    const text = texts.get(name);
    return text === undefined ? original(name, options, onError) : ts.createSourceFile(name, text, options);
  };
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, lib: ["lib.es2022.d.ts"], types: [], noEmit: true };
  const program = ts.createProgram({ rootNames: [...texts.keys()], options, host });
  const checker = program.getTypeChecker();
  const seen = new Set<import("typescript").Type>();
  const read = (type: import("typescript").Type, depth: number): void => {
    if (seen.has(type) || depth > 3) return;
    seen.add(type);
    checker.typeToString(type);
    checker.getAwaitedType(type);
    checker.getNonNullableType(type);
    checker.getIndexInfosOfType(type);
    if (checker.isArrayType(type) || checker.isTupleType(type)) for (const argument of checker.getTypeArguments(type as import("typescript").TypeReference)) read(argument, depth + 1);
    if (type.isUnion()) for (const member of type.types) read(member, depth + 1);
    for (const property of checker.getPropertiesOfType(type)) read(checker.getTypeOfSymbol(property), depth + 1);
  };
  const visit = (node: import("typescript").Node): void => {
    if (ts.isIdentifier(node)) {
      const symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) checker.getAliasedSymbol(symbol);
      read(checker.getTypeAtLocation(node), 0);
    }
    if (ts.isMethodDeclaration(node)) {
      const signature = checker.getSignatureFromDeclaration(node);
      if (signature) read(checker.getReturnTypeOfSignature(signature), 0);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (texts.has(file.fileName)) visit(file);
  program.getSemanticDiagnostics();
}
