// The hooks over the compiler's own expected output for the shop fixture
// (fixtures/projects/shop/expected/client.ts): exact types from the generated
// stubs and context refs into components.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { expectedErrors, typecheck } from "../support/typecheck.js";

// Lines ending in `// TSnnnn` must fail with that code; every other line must compile.
const CASES = `
import { useCall, useContextQuery } from "mizan/react";
import { contexts, notify, updateProfile, type Product, type UserProfile } from "../../fixtures/projects/shop/expected/client.js";

export function Profile({ userId }: { userId: number }) {
  const user = useContextQuery(contexts.user, { userId });
  const profile: UserProfile | null | undefined = user.data?.userProfile;
  const placedAt: string | undefined = user.data?.userOrders[0]?.placedAt;
  const status: "pending" | "success" | "error" = user.status;
  const flags: boolean[] = [user.isLoading, user.isFetching];
  const again: Promise<{ userProfile: UserProfile | null }> = user.refetch();
  user.data?.userProfile?.nickname; // TS2339
  // status says what data and error hold.
  if (user.status === "success") {
    const orders: { total: number }[] = user.data.userOrders;
    const none: null = user.error;
  }
  if (user.status === "error") {
    const failure: Error = user.error;
    user.data.userOrders; // TS18048
  }
  if (user.status === "pending") {
    const nothing: undefined = user.data;
  }
  user.data.userOrders; // TS18048
  useContextQuery(contexts.user); // TS2554
  useContextQuery(contexts.user, { userId: "1" }); // TS2322
  useContextQuery(contexts.user, { userId, status: "lost" }); // TS2322
  useContextQuery(contexts.user, { userId }, { enabled: userId > 0 });
  useContextQuery(contexts.usr, { userId }); // TS2551

  const products: Product[] | undefined = useContextQuery(contexts.catalog).data?.products;
  useContextQuery(contexts.catalog, { tag: "kitchen", limit: 2 });
  useContextQuery(contexts.notifications);
  useContextQuery(contexts.notifications, undefined, { enabled: false });
  useContextQuery(contexts.subscription); // TS2554

  const save = useCall(updateProfile);
  save.mutate(userId, { name: "Ada" });
  save.mutate(userId, { nickname: "Ada" }); // TS2353
  save.mutate(String(userId), {}); // TS2345
  const saved: Promise<UserProfile> = save.mutateAsync(userId, {});
  const last: UserProfile | undefined = save.data;
  const pending: boolean = save.isPending;
  const failed: Error | null = save.error;
  save.reset();
  const count: number | undefined = useCall(notify).data;
  const wrong: string | undefined = useCall(notify).data; // TS2322
  return [profile, placedAt, status, flags, again, products, saved, last, pending, failed, count, wrong];
}
`;

test("hooks over the generated shop client keep exact types", () => {
  const diagnostics = typecheck(CASES, "test/react", ["runtime/react/", "runtime/client/", "fixtures/projects/shop/expected/"]);
  const actual = diagnostics.map((d) => `${d.file}:${d.line} TS${d.code}`).sort();
  const expected = expectedErrors(CASES).map((e) => `:${e.line} TS${e.code}`).sort();
  assert.equal(actual, expected, diagnostics.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`).join("\n"));
});

test.run();
