// The route table the cache tests serve, in the form mizan-gen writes, over
// an in-memory "database" the tests mutate and model. Every body names the
// principal it was computed for (`viewer`), so a response served to the
// wrong user shows in its bytes, and the version of the data it read, so a
// stale one does too.
import { z } from "zod";
import { wire, type RouteTable } from "mizan/server";
import type { Req } from "mizan";

export interface Principal {
  id: string;
}

export interface Db {
  names: Map<number, { name: string; version: number }>;
  orders: Map<number, { status: string; version: number }[]>;
  products: { tag: string; sku: string }[];
  feed: number;
  /** Called inside every read function, between reading part of the data and the rest (race tests). */
  pause?: () => Promise<void> | void;
  /** Function runs, to tell hits from computations. */
  runs: number;
}

export function newDb(users = 8): Db {
  const db: Db = { names: new Map(), orders: new Map(), products: [], feed: 0, runs: 0 };
  for (let id = 1; id <= users; id++) {
    db.names.set(id, { name: `user${id}`, version: 0 });
    db.orders.set(id, []);
  }
  return db;
}

const STATUSES = ["open", "shipped"] as const;

const query = {
  user: z.strictObject({ userId: wire.queryNumber(), status: z.enum(STATUSES).optional() }),
  catalog: z.strictObject({ tag: z.string().optional() }),
  feed: z.strictObject({}),
};

const args = {
  rename: z.strictObject({ userId: z.number(), name: z.string() }),
  addOrder: z.strictObject({ userId: z.number(), status: z.enum(STATUSES) }),
  addProduct: z.strictObject({ tag: z.string(), sku: z.string() }),
  post: z.strictObject({}),
};

const viewer = (req: Req<Principal>) => req.user?.id ?? null;

// What each read returns: the tests' model calls these too.
export const render = {
  profile: (db: Db, who: string | null, userId: number) => ({ viewer: who, ...(db.names.get(userId) ?? { name: null, version: -1 }) }),
  orders: (db: Db, who: string | null, userId: number, status?: string) => ({
    viewer: who,
    orders: (db.orders.get(userId) ?? []).filter((order) => status === undefined || order.status === status),
  }),
  products: (db: Db, tag?: string) => db.products.filter((product) => tag === undefined || product.tag === tag),
  feed: (db: Db, who: string | null) => ({ viewer: who, feed: db.feed }),
};

async function read<T>(db: Db, compute: () => T): Promise<T> {
  db.runs++;
  // The data is read, then the function is slow to return it: a purge in
  // between must not let this (now old) result be stored.
  const value = compute();
  const pause = db.pause?.();
  if (pause !== undefined) await pause;
  return value;
}

export function appRoutes(db: Db) {
  return {
    version: 1,
    basePath: "/api/mizan",
    contexts: {
      catalog: { functions: ["products"], query: query.catalog, renderStrategy: "psr", userScoped: false },
      feed: { functions: ["feed"], query: query.feed, renderStrategy: "dynamic_cached", userScoped: true },
      user: { functions: ["orders", "profile"], query: query.user, renderStrategy: "dynamic_cached", userScoped: true },
    },
    functions: {
      profile: {
        context: "user",
        private: false,
        route: null,
        methods: ["GET"],
        invalidates: [],
        run: (req: Req<Principal>, a: z.output<typeof query.user>) => readSnapshot(db, () => render.profile(db, viewer(req), a.userId)),
      },
      orders: {
        context: "user",
        private: false,
        route: null,
        methods: ["GET"],
        invalidates: [],
        run: (req: Req<Principal>, a: z.output<typeof query.user>) =>
          readSnapshot(db, () => render.orders(db, viewer(req), a.userId, a.status)),
      },
      products: {
        context: "catalog",
        private: false,
        route: null,
        methods: ["GET"],
        invalidates: [],
        run: (_req: Req<Principal>, a: z.output<typeof query.catalog>) => readSnapshot(db, () => render.products(db, a.tag)),
      },
      feed: {
        context: "feed",
        private: false,
        route: null,
        methods: ["GET"],
        invalidates: [],
        run: (req: Req<Principal>) => readSnapshot(db, () => render.feed(db, viewer(req))),
      },
      rename: {
        context: null,
        private: false,
        route: null,
        methods: ["POST"],
        args: args.rename,
        invalidates: [{ context: "user", scope: ["userId"] }],
        run: (_req: Req<Principal>, a: z.output<typeof args.rename>) => {
          const row = db.names.get(a.userId)!;
          db.names.set(a.userId, { name: a.name, version: row.version + 1 });
          return null;
        },
      },
      addOrder: {
        context: null,
        private: false,
        route: null,
        methods: ["POST"],
        args: args.addOrder,
        invalidates: [{ context: "user", scope: ["status", "userId"] }],
        run: (_req: Req<Principal>, a: z.output<typeof args.addOrder>) => {
          const list = db.orders.get(a.userId)!;
          db.orders.set(a.userId, [...list, { status: a.status, version: list.length }]);
          return null;
        },
      },
      addProduct: {
        context: null,
        private: false,
        route: null,
        methods: ["POST"],
        args: args.addProduct,
        invalidates: [{ context: "catalog", scope: ["tag"] }],
        run: (_req: Req<Principal>, a: z.output<typeof args.addProduct>) => {
          db.products = [...db.products, { tag: a.tag, sku: a.sku }];
          return null;
        },
      },
      post: {
        context: null,
        private: false,
        route: null,
        methods: ["POST"],
        args: args.post,
        invalidates: [{ context: "feed", scope: [] }],
        run: () => {
          db.feed++;
          return null;
        },
      },
    },
  } satisfies RouteTable;
}

/** A read: the data as it was when the function started, returned after the pause. */
function readSnapshot<T>(db: Db, compute: () => T): Promise<T> {
  return read(db, compute);
}

/** authenticate for the tests: `Authorization: <id>` is the principal `{id}`. */
export function authenticate(request: Request): Principal | null {
  const id = request.headers.get("authorization");
  return id === null ? null : { id };
}

export const SECRET = "test-secret-0123456789abcdef0123456789abcdef";
