import { client } from "mizan";
import { MizanHttpError } from "mizan/server";
import { Catalog, Notifications, UserContext } from "./contexts.js";
import { notifyStaff, store } from "./store.js";
import type { Order, ProfilePatch, UserProfile } from "./types.js";

export class Users {
  @client({ context: UserContext })
  static async userProfile(userId: number): Promise<UserProfile | null> {
    return store.users.get(userId) ?? null;
  }

  @client({ context: UserContext })
  static async userOrders(userId: number): Promise<Order[]> {
    return store.orders.get(userId) ?? [];
  }

  /** Auto-scoped by `userId`: only that customer's instances refetch. */
  @client({ affects: UserContext })
  static async updateProfile(userId: number, patch: ProfilePatch): Promise<UserProfile> {
    const user = store.users.get(userId);
    if (!user) throw new MizanHttpError("not_found", `no customer ${userId}`);
    const next = { ...user, ...patch, name: (patch.name ?? user.name).trim() };
    if (next.name === "") throw new MizanHttpError("bad_request", "a name cannot be empty");
    store.users.set(userId, next);
    return next;
  }

  /**
   * One mutation, three contexts: the customer's orders (scoped by
   * `userId`), the catalog's stock, and the staff inbox.
   */
  @client({ affects: [UserContext, Catalog, Notifications] })
  static async placeOrder(userId: number, sku: string): Promise<Order> {
    const user = store.users.get(userId);
    const product = store.products.find((p) => p.sku === sku);
    if (!user || !product) throw new MizanHttpError("not_found", `no customer ${userId} or product ${sku}`);
    if (product.stock === 0) throw new MizanHttpError("bad_request", `${product.title} is sold out`);
    product.stock -= 1;
    const order: Order = {
      id: store.nextOrderId++,
      sku,
      title: product.title,
      total: product.price,
      status: "paid",
      placedAt: new Date(),
    };
    store.orders.set(userId, [order, ...(store.orders.get(userId) ?? [])]);
    notifyStaff(`Order #${order.id}: ${product.title} for ${user.name}`);
    return order;
  }

  /**
   * A server-rendered page of the user context: the manifest lists it under
   * `page_routes`, so an edge can purge `/profile/1/` when `user;userId=1` changes.
   */
  @client({ context: UserContext, route: "/profile/:userId/" })
  static async profilePage(userId: number): Promise<Response> {
    const user = store.users.get(userId);
    const orders = store.orders.get(userId) ?? [];
    const body = user
      ? `<h1>${escapeHtml(user.name)}</h1><p>${orders.length} order${orders.length === 1 ? "" : "s"}</p>`
      : "<h1>No such customer</h1>";
    return new Response(`<!doctype html><meta charset="utf-8"><title>Profile</title>${body}`, {
      status: user ? 200 : 404,
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
