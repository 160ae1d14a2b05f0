// The demo's database: plain maps in memory, seeded at start, so the demo
// runs with nothing else installed. Every restart begins from this seed.
import type { Notification, Order, Product, Staff, Subscription, UserProfile } from "./types.js";

export const store = {
  users: new Map<number, UserProfile>([
    [1, { id: 1, name: "Ada", email: "ada@example.com" }],
    [2, { id: 2, name: "Brian", email: "brian@example.com" }],
  ]),
  orders: new Map<number, Order[]>([
    [1, [{ id: 1001, sku: "mug", title: "Mug", total: 12, status: "shipped", placedAt: new Date("2026-01-12T09:30:00Z") }]],
    [2, []],
  ]),
  subscriptions: new Map<number, Subscription>([
    [1, { plan: "pro", updatedAt: null }],
    [2, { plan: "free", updatedAt: null }],
  ]),
  products: [
    { sku: "mug", title: "Mug", price: 12, stock: 8 },
    { sku: "tee", title: "T-shirt", price: 20, stock: 5 },
    { sku: "cap", title: "Cap", price: 15, stock: 3 },
  ] satisfies Product[],
  /** By staff id. */
  notifications: new Map<string, Notification[]>([
    ["sam", [{ id: 1, text: "Welcome to the Mizan demo shop", read: false }]],
  ]),
  staff: new Map<string, Staff>([["sam", { id: "sam", name: "Sam" }]]),
  nextOrderId: 1002,
  nextNotificationId: 2,
};

/** Tells every staff member: their inbox is one shared feed in this demo. */
export function notifyStaff(text: string): void {
  for (const id of store.staff.keys()) {
    const inbox = store.notifications.get(id) ?? [];
    store.notifications.set(id, [{ id: store.nextNotificationId++, text, read: false }, ...inbox]);
  }
}
