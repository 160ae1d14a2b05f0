import type { HttpMethod } from "./protocol/names.js";
/** A named cache context. The type keeps the wire name as a literal. */
export interface ContextHandle<Name extends string = string> {
    readonly name: Name;
    readonly viewUrls: readonly string[];
}
export interface ContextOptions {
    /** URL patterns (`/billing/:userId/`) of pages that render this context. */
    viewUrls?: readonly string[];
}
export declare function defineContext<const Name extends string>(name: Name, options?: ContextOptions): ContextHandle<Name>;
export type { HttpMethod };
/** What a mutation invalidates: a context handle, a context name or a function name. */
export type AffectsTarget = ContextHandle | string;
export interface ClientOptions {
    /** Makes this read function part of the context's bundle. */
    context?: ContextHandle | string;
    /** The contexts or context functions this mutation invalidates. */
    affects?: AffectsTarget | readonly AffectsTarget[];
    /** Server-internal: no client stub, 403 at /call/, invalidation still emitted. */
    private?: boolean;
    /**
     * Whether the function runs only for an authenticated user (401 otherwise,
     * without calling it). Unset: the handler's `requireUser` option, default false.
     */
    requireUser?: boolean;
    /** A Mizan-owned URL (view path) such as `/billing/:userId/`. */
    route?: string;
    /** Methods of the view path; `["GET"]` for context functions, `["POST"]` otherwise. */
    methods?: readonly HttpMethod[];
    /**
     * The parameters that may scope this mutation's targets. Unset: each of
     * its scalar parameters whose name the affected context also has
     * (auto-scoping). `[]`: every target is broad. Narrow it when a parameter
     * holds a new value of a context's filter: `setStatus(postId, status)`
     * also changes the instance of the row's old status, which a target
     * scoped by `status` would leave stale.
     */
    scopeBy?: readonly string[];
}
/**
 * What `client(...)` returns, typed for both decorator forms: the standard
 * (TC39) one, and the legacy one that `experimentalDecorators: true` selects
 * (NestJS, TypeORM and Angular projects). tsc checks a decorator against the
 * form its settings select, so each form needs its own signature.
 */
export interface ClientDecorator {
    /** Standard decorator: the method and its context. `This` lets a method declare a `this:` parameter (not a wire parameter). */
    <This, Method extends (this: This, ...args: any) => any>(method: Method, context: ClassMethodDecoratorContext<This, Method>): Method;
    /** Legacy decorator: the class, the method's name and its property descriptor. */
    <Method extends (...args: any) => any>(target: object, name: string | symbol, descriptor: TypedPropertyDescriptor<Method>): TypedPropertyDescriptor<Method>;
}
/**
 * Marks a static method as a Mizan server function. Works as a standard
 * (TC39) decorator and, with `experimentalDecorators`, as a legacy one. It
 * does nothing at run time: the analysis is done at build time.
 */
export declare function client(_options?: ClientOptions): ClientDecorator;
/**
 * Declare the principal type once for the whole app:
 * `declare module "mizan" { interface Register { principal: User } }`.
 */
export interface Register {
}
export type Principal = Register extends {
    principal: infer P;
} ? P : unknown;
/** The request, injected when it is a function's first parameter; not a wire parameter. */
export interface Req<User = Principal> {
    request: Request;
    user: User | null;
    /**
     * Aborted when the client goes away or the handler's `timeout` passes: pass
     * it on to a query or a fetch whose answer nobody would read. Mizan always
     * sets it (optional so that a Req written by hand, in a test, needs none).
     */
    readonly signal?: AbortSignal;
}
/**
 * A `Req` whose user is there: a function that takes one requires a user
 * (`requireUser`), so it is answered 401 without running when `authenticate`
 * gives none, and `req.user` needs no null check.
 */
export interface AuthedReq<User = Principal> extends Req<User> {
    user: User;
}
