// Stubs in the exact form mizan-gen writes (fixtures/projects/shop/expected/
// client.ts), over an endpoint a test chooses: the runtime and hook tests
// exercise the same calls and types that generated code makes.
import { endpoint, type EndpointOptions } from "mizan/client";

export interface Order {
  id: number;
  placedAt: string;
  status: "delivered" | "pending" | "shipped";
  total: number;
}

export interface Product {
  price: number;
  sku: string;
  tags: string[];
  title: string;
}

export interface UserProfile {
  email: string;
  id: number;
  name: string;
  tier: "free" | "pro";
}

export function shopClient(options: EndpointOptions = {}, basePath = "/api/mizan") {
  const api = endpoint(basePath, options);

  const contexts = {
    catalog: api.context<{ limit?: number; tag?: string }, { productCount: number; products: Product[] }>("catalog"),
    notifications: api.context<{}, { notifications: string[] }>("notifications"),
    search: api.context<{ q: string; tags?: string[] }, { results: string[] }>("search"),
    status: api.context<Record<string, never>, { ok: boolean }>("status"),
    user: api.context<
      { status?: "delivered" | "pending" | "shipped"; userId: number },
      { userOrders: Order[]; userProfile: UserProfile | null }
    >("user"),
  };

  function addProduct(product: Product): Promise<void> {
    return api.call("addProduct", { product });
  }

  function notify(userId: number, text: string): Promise<number> {
    return api.call("notify", { userId, text });
  }

  function updateName(userId: number, name: string): Promise<void> {
    return api.call("updateName", { userId, name });
  }

  function updateProfile(userId: number, patch: { email?: string; name?: string }): Promise<UserProfile> {
    return api.call("updateProfile", { userId, patch });
  }

  return { api, contexts, addProduct, notify, updateName, updateProfile };
}
