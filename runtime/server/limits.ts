// The handler options that bound what a hostile client can make the server
// do: how long a body may take, how deep it may nest, which Host names are
// served, and whether a function runs without a user.
import { MizanHttpError } from "./errors.js";
import type { Incoming } from "./incoming.js";
import type { RouteFunction, RouteTable } from "./routes.js";

export const DEFAULT_BODY_TIMEOUT = 10_000;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_TIMEOUT = 30_000;

export interface LimitOptions {
  /**
   * Milliseconds a call body may take to arrive, from the moment it is read;
   * slower is 408 and the connection is closed. Default 10 000.
   */
  bodyTimeout?: number;
  /**
   * Milliseconds from a request's arrival to its answer; an answer not ready
   * by then (a function, schema or authenticate that hangs) is 503
   * `service_unavailable`, answered within 1.25 times this. The work is not
   * stopped: `req.signal` aborts, so a function may stop it. Default 30 000;
   * `Infinity` for none.
   */
  timeout?: number;
  /** Deepest nesting of arrays and objects in a call body (the top object counts as 1). Default 64. */
  maxDepth?: number;
  /**
   * Host names served (`app.example`, or `.app.example` for it and every
   * subdomain); any other `Host` is 403. Default: every Host. Set it against
   * DNS rebinding wherever the server is reachable without a proxy that
   * checks Host.
   */
  allowedHosts?: readonly string[];
  /**
   * Whether a function needs a user (`authenticate` returning non-null) to
   * run; without one the answer is 401 and the function is not called. A
   * function's own `@client({ requireUser })` wins. Default false.
   */
  requireUser?: boolean;
}

export interface Limits {
  readonly bodyTimeout: number;
  /** Infinity: none. */
  readonly timeout: number;
  readonly maxDepth: number;
  /** null: every Host. */
  readonly hosts: HostRule | null;
  readonly requireUser: boolean;
}

interface HostRule {
  readonly exact: ReadonlySet<string>;
  /** `.app.example` entries, stored with their leading dot. */
  readonly suffixes: readonly string[];
}

// The longest delay a timer takes (a longer one fires at once).
const MAX_TIMER = 2 ** 31 - 1;

function wholeNumber(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const most = max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : "";
    throw new TypeError(`mizan: ${what} must be a whole number of at least ${min}${most}`);
  }
  return value;
}

// A hostname as URL.hostname spells it: lowercase, no port, no scheme.
const HOST_NAME = /^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/;

function hostRule(hosts: readonly string[]): HostRule {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const host of hosts) {
    const normal = host.toLowerCase();
    if (!HOST_NAME.test(normal)) {
      // An IPv6 address is written in brackets, as in a URL and a Host header.
      const why = /^[0-9a-f:.]+$/.test(normal) && normal.split(":").length > 2 ? `write an IPv6 address in brackets: "[${host}]"` : "no scheme, port or path";
      throw new TypeError(`mizan: allowedHosts: "${host}" is not a host name (${why})`);
    }
    if (normal.startsWith(".")) {
      suffixes.push(normal);
      exact.add(normal.slice(1));
    } else exact.add(normal);
  }
  return { exact, suffixes };
}

export function resolveLimits(options: LimitOptions & { routes: RouteTable }): Limits {
  // A psr context is never authenticated (PROTOCOL §3), so it cannot demand a user.
  for (const [name, context] of Object.entries(options.routes.contexts)) {
    if (context.renderStrategy !== "psr") continue;
    const strict = context.functions.find((member) => options.routes.functions[member]?.requireUser === true);
    if (strict !== undefined) throw new TypeError(`mizan: ${strict} requires a user, but its context ${name} is public (psr)`);
  }
  return {
    bodyTimeout: wholeNumber(options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT, "bodyTimeout (milliseconds)", 1, MAX_TIMER),
    timeout: options.timeout === Infinity ? Infinity : wholeNumber(options.timeout ?? DEFAULT_TIMEOUT, "timeout (milliseconds, or Infinity)", 1, MAX_TIMER),
    maxDepth: wholeNumber(options.maxDepth ?? DEFAULT_MAX_DEPTH, "maxDepth", 1),
    hosts: options.allowedHosts === undefined ? null : hostRule(options.allowedHosts),
    requireUser: options.requireUser ?? false,
  };
}

/**
 * 403 unless the request's host is allowed: the URL's, and the `Host` header's
 * when it names another (an absolute-form target names its own host, which
 * HTTP reads instead of the header; the Origin check falls back on the header).
 */
export function checkHost(limits: Limits, incoming: Incoming): void {
  const rule = limits.hosts;
  if (rule === null) return;
  // The node:http entry reads such a request as localhost, which would let it pass as one.
  if (incoming.hostless === true) throw new MizanHttpError("forbidden", "a request without a Host is not served (allowedHosts)");
  const header = incoming.header("host");
  if (hostAllowed(rule, incoming.url.hostname) && (header === null || header === incoming.url.host || hostAllowed(rule, hostnameOf(header)))) return;
  throw new MizanHttpError("forbidden", "this Host is not served (allowedHosts)");
}

function hostAllowed(rule: HostRule, host: string): boolean {
  if (rule.exact.has(host)) return true;
  for (const suffix of rule.suffixes) if (host.endsWith(suffix)) return true;
  return false;
}

/** A Host header's name without its port, as URL's `hostname` writes it (an IPv6 address keeps its brackets). */
function hostnameOf(header: string): string {
  const end = header.startsWith("[") ? header.indexOf("]") + 1 : header.lastIndexOf(":");
  return (end > 0 ? header.slice(0, end) : header).toLowerCase();
}

/** 401 when the function needs a user and there is none; the function's own choice wins over the handler's. */
export function checkUser(limits: Limits, entry: RouteFunction, user: unknown, name: string): void {
  if (user === null && (entry.requireUser ?? limits.requireUser)) {
    throw new MizanHttpError("unauthorized", `"${name}" needs an authenticated user`);
  }
}

/** The same for a context bundle: 401 when any of its functions needs a user. */
export function checkContextUser(limits: Limits, routes: RouteTable, members: readonly string[], user: unknown, name: string): void {
  if (user !== null) return;
  for (const member of members) checkUser(limits, routes.functions[member]!, user, `the context ${name}`);
}
