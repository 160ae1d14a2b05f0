// `scopeBy` narrows auto-scoping: a parameter that holds a new value of a
// context's filter (`setStatus(postId, status)`) must not scope the target,
// or the instance of the row's old status is left stale.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { apiFile, expectDiagnostics, generateProject, tempProject } from "../support/compiler.js";

const CONTEXTS = 'export const ByStatus = defineContext("byStatus");\nexport const Post = defineContext("post");';
const READS = `  @client({ context: ByStatus })
  static async postsByStatus(status?: "draft" | "published"): Promise<number[]> { return []; }
  @client({ context: Post })
  static async post(postId: number): Promise<string> { return ""; }`;
const mutation = (options: string) =>
  `  @client({ affects: [ByStatus, Post]${options} })\n  static async setStatus(postId: number, status: "draft" | "published"): Promise<void> {}`;

function scopes(options: string): Record<string, string[]> {
  const dir = tempProject(apiFile(`${READS}\n${mutation(options)}`, CONTEXTS));
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const fn = generation.ir.functions.find((f) => f.name === "setStatus")!;
    return Object.fromEntries(fn.affects.map((a) => [a.context, a.scope]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("unset: every parameter whose name the context has scopes it", () => {
  assert.equal(scopes(""), { byStatus: ["status"], post: ["postId"] });
});

test("scopeBy keeps only the named parameters: the status list is purged whole", () => {
  assert.equal(scopes(', scopeBy: ["postId"]'), { byStatus: [], post: ["postId"] });
});

test("scopeBy: [] makes every target broad", () => {
  assert.equal(scopes(", scopeBy: []"), { byStatus: [], post: [] });
});

test("a name that is not a parameter of the function is MZ3008, with a suggestion", () => {
  expectDiagnostics(apiFile(`${READS}\n${mutation(', scopeBy: ["postID"]')}`, CONTEXTS), [
    'src/api.ts:9:50 MZ3008 `scopeBy` names "postID", which is not a parameter of the function; did you mean "postId"?',
  ]);
});

test.run();
