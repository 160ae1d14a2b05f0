export type Plan = "free" | "pro";

export interface UserProfile {
  id: number;
  name: string;
  email: string;
}

/** A profile edit: any subset of the editable fields. */
export type ProfilePatch = Partial<Pick<UserProfile, "name" | "email">>;

export type OrderStatus = "paid" | "shipped";

export interface Order {
  id: number;
  sku: string;
  title: string;
  total: number;
  status: OrderStatus;
  placedAt: Date;
}

export interface Subscription {
  plan: Plan;
  /** Set by the payment provider's last webhook. */
  updatedAt: Date | null;
}

export interface Product {
  sku: string;
  title: string;
  price: number;
  stock: number;
}

export interface Notification {
  id: number;
  text: string;
  read: boolean;
}

/** A signed-in member of the shop's staff: what `authenticate` returns. */
export interface Staff {
  id: string;
  name: string;
}
