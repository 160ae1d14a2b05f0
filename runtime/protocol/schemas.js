// zod schemas for everything on the wire, for code that validates what it
// receives (tests, the edge, tools). Kept apart from the codecs so that a
// client bundle never pulls zod in.
import { z } from "zod";
import { ERROR_STATUS } from "./errors.js";
import { PROTOCOL_VERSION } from "./names.js";
export const paramValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export const targetParamsSchema = z.record(z.string(), paramValueSchema);
export const broadTargetSchema = z.string().min(1);
export const scopedTargetSchema = z.strictObject({ context: z.string().min(1), params: targetParamsSchema });
export const functionTargetSchema = z.strictObject({
    context: z.string().min(1),
    fn: z.string().min(1),
    params: targetParamsSchema.optional(),
});
export const targetSchema = z.union([broadTargetSchema, functionTargetSchema, scopedTargetSchema]);
export const targetListSchema = z.array(targetSchema);
export const errorBodySchema = z.object({
    error: z.object({
        code: z.enum(Object.keys(ERROR_STATUS)),
        message: z.string(),
        issues: z
            .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string().optional() }))
            .optional(),
    }),
});
export const manifestSchema = z.strictObject({
    version: z.literal(PROTOCOL_VERSION),
    base_path: z.string(),
    contexts: z.record(z.string(), z.strictObject({
        functions: z.array(z.string()),
        params: z.record(z.string(), z.string()),
        render_strategy: z.enum(["psr", "dynamic_cached"]),
        user_scoped: z.boolean(),
    })),
    mutations: z.record(z.string(), z.strictObject({
        affects: z.array(z.union([z.string(), z.strictObject({ context: z.string(), fn: z.string() })])),
        auto_scoped_params: z.record(z.string(), z.array(z.string())),
        methods: z.array(z.string()),
        private: z.boolean(),
        route: z.string().nullable(),
    })),
    page_routes: z.record(z.string(), z.array(z.string())),
});
