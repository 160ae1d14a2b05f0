import { client } from "mizan";
import { Catalog } from "./contexts.js";
import { store } from "./store.js";
import type { Product } from "./types.js";

export class Products {
  /** No identity parameter and no request: public, shared-cacheable (psr). */
  @client({ context: Catalog })
  static async products(): Promise<Product[]> {
    return store.products;
  }
}
