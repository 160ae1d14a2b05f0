import type { PROTOCOL_VERSION } from "./names.js";
export type RenderStrategy = "psr" | "dynamic_cached";
export interface ManifestContext {
    functions: string[];
    params: Record<string, string>;
    render_strategy: RenderStrategy;
    user_scoped: boolean;
}
/** A context name, or one function of a context. */
export type ManifestAffect = string | {
    context: string;
    fn: string;
};
export interface ManifestMutation {
    affects: ManifestAffect[];
    /** Per affected context: the mutation's parameters that scope its targets (Tier 1). */
    auto_scoped_params: Record<string, string[]>;
    methods: string[];
    private: boolean;
    route: string | null;
}
export interface Manifest {
    version: typeof PROTOCOL_VERSION;
    base_path: string;
    contexts: Record<string, ManifestContext>;
    mutations: Record<string, ManifestMutation>;
    page_routes: Record<string, string[]>;
}
