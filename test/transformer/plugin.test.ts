// The plugin called the way ts-patch calls it, in process, to see what tspc's
// output cannot show: the analysis runs once per program however many emits
// there are, a clean program gets no transformer at all, the files are
// rendered again only when the IR changed or a file was touched, and a
// diagnostic rides only on the emit of its own file (tsc's builder emits
// file by file).
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cacheFile } from "../../compiler/output/cache.js";
import mizanTransformer, { type TransformerExtras } from "../../transformer/index.js";
import { artifactProject } from "./helpers.js";

const API = `import { client, defineContext } from "mizan";
export const Notes = defineContext("notes");
export class NotesApi {
  @client({ context: Notes })
  static async notes(ownerId: number): Promise<string[]> { return []; }
  @client({ affects: Notes, private: true })
  static async purge(ownerId: number): Promise<void> {}
}
`;
const UI = `import { call } from "mizan/client";\nexport const purge = () => call("purge", { ownerId: 1 });\n`;
const PLUGIN = { transform: "mizan-gen/transformer", out: "generated", client: ["src/ui/**"] };

function program(dir: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

/** ts-patch's extras: one list of diagnostics per program. */
function extras(): TransformerExtras & { list: ts.Diagnostic[] } {
  const list: ts.Diagnostic[] = [];
  return {
    // The module object itself, as ts-patch passes it (its type lacks the namespace import's `default`).
    ts: ts as unknown as TransformerExtras["ts"],
    list,
    diagnostics: list,
    addDiagnostic: (d) => list.push(d),
    removeDiagnostic: (index) => void list.splice(index, 1),
  };
}

const { transform: _, ...config } = PLUGIN;

test("a clean program: files written once per program, and no transformer for emit to run", () => {
  const dir = artifactProject("plugin-clean", { files: { "src/api.ts": API }, compilerOptions: { plugins: [PLUGIN] } });
  const first = program(dir);
  const lists = mizanTransformer(first, config, extras());
  assert.equal(lists, { before: [], after: [], afterDeclarations: [] });
  assert.ok(existsSync(join(dir, "generated/routes.ts")));

  rmSync(join(dir, "generated"), { recursive: true });
  mizanTransformer(first, config, extras());
  assert.not.ok(existsSync(join(dir, "generated")), "the same program is not analysed twice");
  mizanTransformer(program(dir), config, extras());
  assert.ok(existsSync(join(dir, "generated/routes.ts")), "a new program is");
});

test("the files are rendered again only when the IR changed or a file on disk was touched", () => {
  const dir = artifactProject("plugin-render", { files: { "src/api.ts": API }, compilerOptions: { plugins: [PLUGIN] } });
  const routes = join(dir, "generated/routes.ts");
  const record = cacheFile(dir, `transformer\u0000${dir}/generated`);
  const past = new Date(2000, 0, 1);
  mizanTransformer(program(dir), config, extras());
  const written = readFileSync(routes, "utf8");
  utimesSync(record, past, past);

  // Another program, same IR (a comment is no API change): nothing rendered, nothing written.
  writeFileSync(join(dir, "src/api.ts"), `// notes\n${API}`);
  mizanTransformer(program(dir), config, extras());
  assert.is(statSync(record).mtimeMs, past.getTime());

  // A generated file edited by hand is rendered and written back.
  writeFileSync(routes, "// edited\n");
  mizanTransformer(program(dir), config, extras());
  assert.is(readFileSync(routes, "utf8"), written);

  // An API change renders the new files.
  writeFileSync(join(dir, "src/api.ts"), API.replace("ownerId: number): Promise<void>", "ownerId: number, all?: boolean): Promise<void>"));
  mizanTransformer(program(dir), config, extras());
  assert.match(readFileSync(routes, "utf8"), /all: z\.boolean\(\)\.optional\(\)/);
});

test("with emit, a diagnostic is added when its file is emitted, and only then", () => {
  const dir = artifactProject("plugin-emit", {
    files: { "src/api.ts": API, "src/ui/app.ts": UI },
    compilerOptions: { plugins: [PLUGIN], noEmit: false, outDir: "out" },
  });
  const p = program(dir);
  const x = extras();
  const file = (path: string) => p.getSourceFile(join(dir, path))!;
  const emitOnly = (path: string) => {
    const lists = mizanTransformer(p, config, x);
    p.emit(file(path), () => {}, undefined, false, lists);
  };
  emitOnly("src/api.ts");
  assert.equal(x.list, [], "nothing rides on another file's emit");
  emitOnly("src/ui/app.ts");
  assert.equal(x.list.map((d) => [d.file?.fileName, d.code, d.start]), [[file("src/ui/app.ts").fileName, 995001, UI.indexOf('"purge"')]]);
  emitOnly("src/api.ts");
  assert.equal(x.list, [], "the next emit takes it back");
  assert.not.ok(existsSync(join(dir, "generated")), "nothing is written after an error");
});

test("with noEmit, every diagnostic is added at once", () => {
  const dir = artifactProject("plugin-noemit", { files: { "src/api.ts": API, "src/ui/app.ts": UI }, compilerOptions: { plugins: [PLUGIN] } });
  const x = extras();
  mizanTransformer(program(dir), config, x);
  assert.equal(x.list.map((d) => d.code), [995001]);
  const text = ts.flattenDiagnosticMessageText(x.list[0]!.messageText, "\n");
  assert.is(text.split("\n")[0], 'MZ5001: client code calls "purge", a private function');
  assert.match(text, /^  hint: Private functions are server-internal/m);
  assert.is(x.list[0]!.length, '"purge"'.length);
});

test.run();
