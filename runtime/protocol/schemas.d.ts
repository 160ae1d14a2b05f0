import { z } from "zod";
export declare const paramValueSchema: z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>;
export declare const targetParamsSchema: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
export declare const broadTargetSchema: z.ZodString;
export declare const scopedTargetSchema: z.ZodObject<{
    context: z.ZodString;
    params: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
}, z.core.$strict>;
export declare const functionTargetSchema: z.ZodObject<{
    context: z.ZodString;
    fn: z.ZodString;
    params: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>>;
}, z.core.$strict>;
export declare const targetSchema: z.ZodUnion<readonly [z.ZodString, z.ZodObject<{
    context: z.ZodString;
    fn: z.ZodString;
    params: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>>;
}, z.core.$strict>, z.ZodObject<{
    context: z.ZodString;
    params: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
}, z.core.$strict>]>;
export declare const targetListSchema: z.ZodArray<z.ZodUnion<readonly [z.ZodString, z.ZodObject<{
    context: z.ZodString;
    fn: z.ZodString;
    params: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>>;
}, z.core.$strict>, z.ZodObject<{
    context: z.ZodString;
    params: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
}, z.core.$strict>]>>;
export declare const errorBodySchema: z.ZodObject<{
    error: z.ZodObject<{
        code: z.ZodEnum<{
            bad_request: "bad_request";
            unauthorized: "unauthorized";
            forbidden: "forbidden";
            not_found: "not_found";
            method_not_allowed: "method_not_allowed";
            request_timeout: "request_timeout";
            conflict: "conflict";
            payload_too_large: "payload_too_large";
            unsupported_media_type: "unsupported_media_type";
            unprocessable_content: "unprocessable_content";
            too_many_requests: "too_many_requests";
            internal: "internal";
            service_unavailable: "service_unavailable";
        }>;
        message: z.ZodString;
        issues: z.ZodOptional<z.ZodArray<z.ZodObject<{
            path: z.ZodArray<z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>>;
            message: z.ZodString;
            code: z.ZodOptional<z.ZodString>;
        }, z.core.$strip>>>;
    }, z.core.$strip>;
}, z.core.$strip>;
export declare const manifestSchema: z.ZodObject<{
    version: z.ZodLiteral<1>;
    base_path: z.ZodString;
    contexts: z.ZodRecord<z.ZodString, z.ZodObject<{
        functions: z.ZodArray<z.ZodString>;
        params: z.ZodRecord<z.ZodString, z.ZodString>;
        render_strategy: z.ZodEnum<{
            psr: "psr";
            dynamic_cached: "dynamic_cached";
        }>;
        user_scoped: z.ZodBoolean;
    }, z.core.$strict>>;
    mutations: z.ZodRecord<z.ZodString, z.ZodObject<{
        affects: z.ZodArray<z.ZodUnion<readonly [z.ZodString, z.ZodObject<{
            context: z.ZodString;
            fn: z.ZodString;
        }, z.core.$strict>]>>;
        auto_scoped_params: z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>;
        methods: z.ZodArray<z.ZodString>;
        private: z.ZodBoolean;
        route: z.ZodNullable<z.ZodString>;
    }, z.core.$strict>>;
    page_routes: z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>;
}, z.core.$strict>;
