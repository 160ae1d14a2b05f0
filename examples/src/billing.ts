import { client, type Req } from "mizan";
import { MizanHttpError } from "mizan/server";
import { z } from "zod";
import { Billing } from "./contexts.js";
import { store } from "./store.js";
import type { Staff, Subscription } from "./types.js";

/** The part of the provider's event this demo reads. */
const SubscriptionEvent = z.object({
  type: z.literal("customer.subscription.updated"),
  data: z.object({ userId: z.number().int(), plan: z.enum(["free", "pro"]) }),
});

export class Subscriptions {
  @client({ context: Billing })
  static async subscription(userId: number): Promise<Subscription | null> {
    return store.subscriptions.get(userId) ?? null;
  }

  /**
   * The payment provider calls this; no client stub exists for it. The user
   * id is inside the event body, not a parameter, so the invalidation cannot
   * be scoped: every subscription instance refetches (PROTOCOL §2, tier 3).
   * A real endpoint would verify the provider's signature header first.
   */
  @client({ affects: Billing, private: true, route: "/webhooks/stripe/", methods: ["POST"] })
  static async stripeWebhook(req: Req<Staff>): Promise<Response> {
    const event = SubscriptionEvent.safeParse(await req.request.json().catch(() => null));
    if (!event.success) throw new MizanHttpError("bad_request", "not a customer.subscription.updated event");
    const { userId, plan } = event.data.data;
    if (!store.subscriptions.has(userId)) throw new MizanHttpError("not_found", `no customer ${userId}`);
    store.subscriptions.set(userId, { plan, updatedAt: new Date() });
    return new Response(null, { status: 204 });
  }
}
