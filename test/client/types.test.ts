// Exact types end to end: generated-form stubs over mizan/client reject a
// wrong argument type, a misspelled context or missing required params at
// compile time, and carry the result and data types through.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { expectedErrors, typecheck } from "../support/typecheck.js";

// Lines ending in `// TSnnnn` must fail with that code; every other line must compile.
const CASES = `
import { fetchContext, getState, refetch, subscribe, type ContextRef } from "mizan/client";
import { shopClient, type UserProfile } from "../support/shop-client.js";

const { contexts, updateProfile, updateName, notify } = shopClient();

export async function cases() {
  const profile: UserProfile = await updateProfile(1, { name: "Ada" });
  const id: number = await notify(1, "hi");
  const nothing: void = await updateName(1, "Ada");
  updateProfile("1", { name: "Ada" }); // TS2345
  updateProfile(1, { nickname: "Ada" }); // TS2353
  updateName(1); // TS2554
  const wrong: string = await notify(1, "hi"); // TS2322

  contexts.usr; // TS2551
  const state = getState(contexts.user, { userId: 1 });
  const name: string | undefined = state.data?.userProfile?.name;
  state.data?.userProfile?.nickname; // TS2339
  getState(contexts.user, { userId: "1" }); // TS2322
  getState(contexts.user, { userId: 1, status: "lost" }); // TS2322
  getState(contexts.user, { userId: 1, extra: 1 }); // TS2353
  getState(contexts.user); // TS2554
  getState(contexts.user, {}); // TS2345

  getState(contexts.catalog);
  getState(contexts.catalog, { tag: "kitchen" });
  getState(contexts.notifications);
  getState(contexts.status);
  getState(contexts.status, { any: 1 }); // TS2322
  fetchContext(contexts.search); // TS2554
  const found: string[] = (await fetchContext(contexts.search, { q: "x", tags: ["a"] }, { signal: AbortSignal.timeout(1) })).results;
  const count: number = (await refetch(contexts.catalog)).productCount;
  subscribe(contexts.user, () => {}, { userId: 1 });
  subscribe(contexts.user, () => {}); // TS2554

  const ref: ContextRef<{ userId: number }, { userOrders: unknown[] }> = contexts.user;
  const other: ContextRef<{ userId: number }, { orders: unknown[] }> = contexts.user; // TS2322
  return [profile, id, nothing, wrong, name, found, count, ref, other];
}
`;

test("generated-form stubs and context refs keep exact types", () => {
  const diagnostics = typecheck(CASES, "test/client", ["runtime/client/", "test/support/shop-client"]);
  const actual = diagnostics.map((d) => `${d.file}:${d.line} TS${d.code}`).sort();
  const expected = expectedErrors(CASES).map((e) => `:${e.line} TS${e.code}`).sort();
  assert.equal(actual, expected, diagnostics.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`).join("\n"));
});

test.run();
