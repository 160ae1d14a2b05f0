// The end-to-end scenarios every edge must pass, whichever it is (a real
// Varnish with the shipped VCL, or createEdgeHandler): the edge fixture's
// origin behind it, every request through the edge over real HTTP, and the
// origin's own read counter to tell a hit from a miss.
import type { Test } from "uvu";
import * as assert from "uvu/assert";
import { raw, type RawResponse } from "../server/helpers.js";
import { store } from "./app.js";

export interface Front {
  readonly port: number;
}

const JSON_HEADERS = { "content-type": "application/json" };

export function get(front: Front, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(front.port, { path, headers });
}

export function call(front: Front, fn: string, args: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(front.port, { method: "POST", path: `/api/mizan/call/${fn}/`, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(args) });
}

/**
 * `exact`: the edge purges by §4 matching (createEdgeHandler). A tag-based
 * CDN purges one param's tags, so it may also drop an instance that agrees
 * on that param's absence but not on another: allowed over-purge.
 */
export function edgeScenarios(suite: Test, front: () => Front, exact: boolean): void {
  suite("a psr context read is a hit on the second GET: the origin is not called", async () => {
    const first = await get(front(), "/api/mizan/ctx/article/?slug=hit");
    assert.is(first.status, 200);
    assert.is(first.headers["x-cache"], "MISS");
    const reads = store.reads;
    const second = await get(front(), "/api/mizan/ctx/article/?slug=hit");
    assert.is(second.status, 200);
    assert.is(second.headers["x-cache"], "HIT");
    assert.is(second.body, first.body);
    assert.is(store.reads, reads, "the origin ran no read");
    assert.is(second.headers["xkey"], undefined, "tags stay at the edge");
    assert.is(second.headers["cache-control"], "public, s-maxage=60, stale-while-revalidate=60");
  });

  suite("read-your-writes through the edge: a mutation, then the next GET returns the new data, 200 rounds, 0 stale", async () => {
    let stale = 0;
    let hits = 0;
    for (let round = 0; round < 200; round++) {
      const title = `title ${round}`;
      const mutation = await call(front(), "editArticle", { slug: "ryw", title });
      assert.is(mutation.status, 200, mutation.body);
      assert.is(mutation.headers["x-mizan-invalidate"], "article;slug=ryw");
      const read = await get(front(), "/api/mizan/ctx/article/?slug=ryw");
      if (JSON.parse(read.body).article.title !== title) stale += 1;
      // The edge really caches between mutations: the read after is a hit.
      const again = await get(front(), "/api/mizan/ctx/article/?slug=ryw");
      if (again.headers["x-cache"] === "HIT" && JSON.parse(again.body).article.title === title) hits += 1;
    }
    assert.is(stale, 0, "stale reads");
    assert.is(hits, 200, "hits between the mutations");
  });

  suite("a scoped purge reaches exactly the matching instances, unfiltered ones included", async () => {
    const paths = ["/api/mizan/ctx/board/", "/api/mizan/ctx/board/?board=news", "/api/mizan/ctx/board/?author=ann&board=news", "/api/mizan/ctx/board/?board=sport"];
    for (const path of paths) await get(front(), path);
    for (const path of paths) assert.is((await get(front(), path)).headers["x-cache"], "HIT", path);
    await call(front(), "post", { board: "news", author: "bob", text: "hello" });
    const after = await Promise.all(paths.map((path) => get(front(), path)));
    assert.equal(JSON.parse(after[0]!.body).posts, ["hello"], "the unfiltered read is fresh");
    assert.equal(JSON.parse(after[1]!.body).posts, ["hello"], "board=news is fresh");
    assert.equal(JSON.parse(after[2]!.body).posts, [], "author=ann's read is untouched and correct");
    assert.equal(JSON.parse(after[3]!.body).posts, [], "another board is correct");
    if (exact) assert.is(after[3]!.headers["x-cache"], "HIT", "another board stays cached");
    assert.is(after[2]!.headers["x-cache"], "HIT", "author=ann's read stays cached");
  });

  suite("a user-scoped context is never served from the edge to another user", async () => {
    const users = ["ann", "bob", "cyd"];
    await Promise.all(users.map((user) => call(front(), "setNote", { note: `note of ${user}` }, { authorization: `Bearer ${user}` })));
    for (let round = 0; round < 5; round++) {
      for (const user of users) {
        const reads = store.reads;
        const response = await get(front(), "/api/mizan/ctx/account/", { authorization: `Bearer ${user}` });
        assert.equal(JSON.parse(response.body), { account: { note: `note of ${user}`, user } });
        assert.is(response.headers["x-cache"] ?? "MISS", "MISS");
        assert.is(store.reads, reads + 1, "answered by the origin");
        assert.is(response.headers["cache-control"], "private, no-cache");
      }
      const anonymous = await get(front(), "/api/mizan/ctx/account/");
      assert.equal(JSON.parse(anonymous.body), { account: { note: null, user: null } });
      const byCookie = await get(front(), "/api/mizan/ctx/account/", { cookie: "session=zed" });
      assert.equal(JSON.parse(byCookie.body), { account: { note: null, user: null } });
    }
  });

  suite("a page route is cached and purged by the mutation that affects it", async () => {
    const first = await get(front(), "/articles/page1/");
    assert.is(first.status, 200);
    assert.match(first.body, /data-version="0"/);
    const reads = store.reads;
    const hit = await get(front(), "/articles/page1/");
    assert.is(hit.headers["x-cache"], "HIT");
    assert.is(store.reads, reads);
    await call(front(), "editArticle", { slug: "page1", title: "Edited" });
    const fresh = await get(front(), "/articles/page1/");
    assert.match(fresh.body, /data-version="1"/);
    assert.match(fresh.body, /Edited/);
    assert.is(store.reads, reads + 1);
  });

  suite("a form post on a view path purges too: its X-Mizan-Invalidate is read on the way back", async () => {
    const before = JSON.parse((await get(front(), "/api/mizan/ctx/article/?slug=liked")).body).likes;
    assert.is((await get(front(), "/api/mizan/ctx/article/?slug=liked")).headers["x-cache"], "HIT");
    const post = await raw(front().port, { method: "POST", path: "/articles/liked/like/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
    assert.is(post.status, 303);
    assert.is(post.headers["x-mizan-invalidate"], "article;slug=liked");
    const after = JSON.parse((await get(front(), "/api/mizan/ctx/article/?slug=liked")).body).likes;
    assert.is(after, before + 1);
  });

  suite("a credentialed request reads the public context from the edge (it never reads the caller)", async () => {
    await get(front(), "/api/mizan/ctx/article/?slug=shared");
    const reads = store.reads;
    const withAuth = await get(front(), "/api/mizan/ctx/article/?slug=shared", { authorization: "Bearer ann", cookie: "a=b" });
    assert.is(withAuth.headers["x-cache"], "HIT");
    assert.is(store.reads, reads);
  });
}
