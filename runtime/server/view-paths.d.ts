import type { HttpMethod } from "../index.js";
import type { RouteFunction } from "./routes.js";
type Segment = {
    literal: string;
} | {
    param: string;
};
export interface ViewRoute {
    readonly name: string;
    readonly entry: RouteFunction;
    readonly pattern: string;
    readonly segments: readonly Segment[];
}
export interface ViewMatch {
    readonly route: ViewRoute;
    readonly params: Record<string, string>;
}
export declare function compileViewRoutes(functions: Readonly<Record<string, RouteFunction>>): ViewRoute[];
/** The methods a route answers: its own, plus HEAD wherever GET is. */
export declare function allowedMethods(methods: readonly HttpMethod[]): string[];
/**
 * The view route for this path and method; a MizanHttpError 405 (with Allow)
 * when the path is a view path but not for this method; undefined when the
 * path is none.
 */
export declare function matchViewRoute(routes: readonly ViewRoute[], path: string, method: string): ViewMatch | undefined;
export {};
