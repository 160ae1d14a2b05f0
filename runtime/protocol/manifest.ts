// manifest.json (PROTOCOL §6): the shape an edge reads. Keys are snake_case.
import { z } from "zod";

export type RenderStrategy = "psr" | "dynamic_cached";

export interface ManifestContext {
  functions: string[];
  params: Record<string, string>;
  render_strategy: RenderStrategy;
  user_scoped: boolean;
}

/** A context name, or one function of a context. */
export type ManifestAffect = string | { context: string; fn: string };

export interface ManifestMutation {
  affects: ManifestAffect[];
  /** Per affected context: the mutation's parameters that scope its targets (Tier 1). */
  auto_scoped_params: Record<string, string[]>;
  methods: string[];
  private: boolean;
  route: string | null;
}

export interface Manifest {
  version: 1;
  base_path: string;
  contexts: Record<string, ManifestContext>;
  mutations: Record<string, ManifestMutation>;
  page_routes: Record<string, string[]>;
}

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  base_path: z.string(),
  contexts: z.record(
    z.string(),
    z.strictObject({
      functions: z.array(z.string()),
      params: z.record(z.string(), z.string()),
      render_strategy: z.enum(["psr", "dynamic_cached"]),
      user_scoped: z.boolean(),
    }),
  ),
  mutations: z.record(
    z.string(),
    z.strictObject({
      affects: z.array(z.union([z.string(), z.strictObject({ context: z.string(), fn: z.string() })])),
      auto_scoped_params: z.record(z.string(), z.array(z.string())),
      methods: z.array(z.string()),
      private: z.boolean(),
      route: z.string().nullable(),
    }),
  ),
  page_routes: z.record(z.string(), z.array(z.string())),
});
