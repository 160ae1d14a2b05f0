// `@client({ requireUser })`: read from a boolean literal, printed in the
// route table only when declared, and a context with a function that
// requires a user is auth-dependent (never psr).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { diagnosticsText, generateProject, tempProject } from "../support/compiler.js";

const SOURCE = `import { client, defineContext } from "mizan";
export const Shelf = defineContext("shelf");
export const Open = defineContext("open");
const yes = true as const;
export class Api {
  @client({ context: Shelf, requireUser: yes })
  static async shelf(id: string): Promise<string> { return id; }
  @client({ context: Open })
  static async open(id: string): Promise<string> { return id; }
  @client({ affects: Shelf, requireUser: false })
  static async stock(id: string): Promise<void> {}
  @client({ affects: Open })
  static async touch(id: string): Promise<void> {}
}
`;

test("requireUser is printed when declared and makes its context auth-dependent", async () => {
  const dir = tempProject({ "src/api.ts": SOURCE });
  try {
    const generation = await generateProject(join(dir, "tsconfig.json"));
    assert.is(diagnosticsText(generation), "\n");
    const routes = generation.files.find((f) => f.name === "routes.ts")!.text;
    const functions = routes.indexOf("  functions: {");
    const entry = (name: string) => {
      const start = routes.indexOf(`    ${name}: {`, functions);
      return routes.slice(start, routes.indexOf("run:", start));
    };
    assert.match(entry("shelf"), /requireUser: true,/);
    assert.match(entry("stock"), /requireUser: false,/);
    assert.not.match(entry("open"), /requireUser/);
    assert.not.match(entry("touch"), /requireUser/);
    const manifest = JSON.parse(generation.files.find((f) => f.name === "manifest.json")!.text) as { contexts: Record<string, { render_strategy: string }> };
    assert.is(manifest.contexts.shelf!.render_strategy, "dynamic_cached");
    assert.is(manifest.contexts.open!.render_strategy, "psr");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
