import { defineContext } from "mizan";

/** A customer's profile and orders, one instance per `userId`. */
export const UserContext = defineContext("user");
/** A customer's plan, changed only by the payment provider's webhook. */
export const Billing = defineContext("subscription");
/** The signed-in staff member's inbox: reads the request, so never shared-cached. */
export const Notifications = defineContext("notifications");
/** Public and identical for everyone: a CDN may cache it. */
export const Catalog = defineContext("catalog");
