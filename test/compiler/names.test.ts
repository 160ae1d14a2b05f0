// Every name a generated file declares at its top level is declared once
// per declaration space: TypeScript merges two interfaces of one name
// without a word, so a clash would not show in the type-check of the
// fixtures (fixtures/projects/collisions holds every clash Mizan knows of).
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiFile, fixtureDir, fixtureNames, generateProject, tempProject } from "../support/compiler.js";

/** `type:Name` and `value:Name` for each top-level declaration; an import or a class declares both. */
export function declaredNames(text: string): string[] {
  const names: string[] = [];
  for (const [, keyword, name] of text.matchAll(/^(?:export )?(interface|type|const|function|class) ([\w$]+)/gm)) {
    const spaces = keyword === "interface" || keyword === "type" ? ["type"] : keyword === "class" ? ["type", "value"] : ["value"];
    for (const space of spaces) names.push(`${space}:${name}`);
  }
  for (const [, list] of text.matchAll(/^import \{([^}]*)\} from/gm)) {
    for (const spec of list!.split(",").map((s) => s.trim()).filter(Boolean)) {
      const local = spec.replace(/^type /, "").split(" as ").pop()!;
      names.push(`type:${local}`, `value:${local}`);
    }
  }
  return names;
}

function duplicates(names: readonly string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) !== i);
}

test("declaredNames finds a clash of two interfaces and of an import with a function", () => {
  const text = 'import { endpoint } from "mizan/client";\nexport interface A {}\nexport interface A {}\nexport function endpoint() {}\n';
  assert.equal(duplicates(declaredNames(text)), ["type:A", "value:endpoint"]);
});

for (const name of fixtureNames("projects")) {
  test(`project ${name}: each generated file declares each name once`, () => {
    for (const file of ["client.ts", "routes.ts"]) {
      const text = readFileSync(join(fixtureDir("projects", name), "expected", file), "utf8");
      assert.equal(duplicates(declaredNames(text)), [], `${name}/${file}`);
    }
  });
}


test("an instantiation is named after its arguments as each is named itself, not as the checker prints it", () => {
  const dir = tempProject(
    apiFile(
      "  @client() static async summaries(): Promise<Page<PostSummary>> { return { items: [] }; }\n" +
        "  @client() static async titled(): Promise<Page<{ title: string }>> { return { items: [] }; }",
      "interface Post { id: string; title: string; body: string }\n" +
        "type Payload<S> = { [K in keyof S as S[K] extends true ? K : never]: K extends keyof Post ? Post[K] : never };\n" +
        "export type PostSummary = Payload<{ id: true; title: true }>;\n" +
        "export interface Page<T> { items: T[] }",
    ),
  );
  try {
    const client = generateProject(join(dir, "tsconfig.json")).files.find((f) => f.name === "client.ts")!.text;
    const pages = [...client.matchAll(/^export interface (Page\w*)/gm)].map((m) => m[1]);
    assert.equal(pages.sort(), ["Page_PostSummary", "Page_title_string"]);
    assert.match(client, /export interface Page_PostSummary \{\n  items: PostSummary\[\];/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
