// Auto-scoping's names, and `scopeBy`, which narrows them: a parameter that
// holds a new value of a context's filter (`setStatus(postId, status)`) must
// not scope the target, or the instance of the row's old status is left
// stale; nor may a name that one of the affected functions does not take.
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

test("a name some of the context's functions do not take scopes none of its targets but those functions' own", () => {
  const contexts = 'export const Notes = defineContext("notes");';
  const code = `  @client({ context: Notes })
  static async noteList(ownerId: string, tag?: string): Promise<string[]> { return []; }
  @client({ context: Notes })
  static async noteCount(ownerId: string): Promise<number> { return 0; }
  @client({ affects: Notes })
  static async addNote(ownerId: string, tag: string): Promise<void> {}
  @client({ affects: "noteList" })
  static async retag(ownerId: string, tag: string): Promise<void> {}
  @client({ affects: "noteCount" })
  static async recount(ownerId: string, tag: string): Promise<void> {}
  @client({ affects: [Notes, "noteList"] })
  static async both(ownerId: string, tag: string): Promise<void> {}`;
  const dir = tempProject(apiFile(code, contexts));
  try {
    const generation = generateProject(join(dir, "tsconfig.json"));
    assert.equal(generation.diagnostics, []);
    const scope = (name: string) => generation.ir.functions.find((f) => f.name === name)!.affects.map((a) => [a.fn, a.scope]);
    // noteCount is not keyed by tag: scoped by it, the count of ownerId's instances with another tag would stay stale.
    assert.equal(scope("addNote"), [[null, ["ownerId"]]]);
    assert.equal(scope("retag"), [["noteList", ["ownerId", "tag"]]]);
    assert.equal(scope("recount"), [["noteCount", ["ownerId"]]]);
    const manifest = JSON.parse(generation.files.find((f) => f.name === "manifest.json")!.text) as { mutations: Record<string, { auto_scoped_params: unknown }> };
    assert.equal(manifest.mutations.addNote!.auto_scoped_params, { notes: ["ownerId"] });
    // Two targets in one context, scoped differently: the manifest's one list per context names what scopes both.
    assert.equal(scope("both"), [[null, ["ownerId"]], ["noteList", ["ownerId", "tag"]]]);
    assert.equal(manifest.mutations.both!.auto_scoped_params, { notes: ["ownerId"] });
    assert.equal(manifest.mutations.retag!.auto_scoped_params, { notes: ["ownerId", "tag"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
