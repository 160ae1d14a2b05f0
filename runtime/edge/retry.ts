// One purge request, sent again while a retry may succeed: a network error,
// 408, 429 or a 5xx. The delay doubles from `baseDelayMs` with jitter, or
// is what Retry-After says (seconds or an HTTP date). Nothing is attempted
// past the deadline: a Retry-After beyond it fails at once, saying so.
import { PurgeError, type PurgeContext } from "./purger.js";

export interface RetryOptions {
  /** Attempts after the first. Default 4. */
  retries?: number;
  /** First backoff delay in ms. Default 200. */
  baseDelayMs?: number;
  /** Longest backoff delay in ms (Retry-After is not capped by it). Default 5000. */
  maxDelayMs?: number;
}

export interface ResolvedRetry {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  for (const [what, value] of [["retries", retries], ["baseDelayMs", baseDelayMs], ["maxDelayMs", maxDelayMs]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`mizan: ${what} must be a whole number ≥ 0`);
  }
  return { retries, baseDelayMs, maxDelayMs };
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After in ms, or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date starts with the day's name; Date.parse alone would read "-1" as a year.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function excerpt(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return "";
  }
}

/**
 * Sends until an answer is 2xx and `accept` takes it; `accept` returns an
 * error text for a 2xx body that says the purge failed (not retried).
 */
export async function sendWithRetry(
  what: { purger: string; tags: readonly string[] },
  send: (signal: AbortSignal) => Promise<Response>,
  context: PurgeContext,
  retry: ResolvedRetry,
  accept: (response: Response) => Promise<string | undefined> = async () => undefined,
): Promise<void> {
  const fail = (message: string, attempts: number, status: number | undefined, cause?: unknown): never => {
    throw new PurgeError(`${what.purger}: ${message}`, what.purger, what.tags, attempts, status, { cause });
  };
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let failure: string;
    let cause: unknown;
    try {
      response = await send(context.signal);
    } catch (error) {
      if (context.signal.aborted) fail(`gave up after ${attempt} attempt(s): the purge timed out`, attempt, undefined, error);
      cause = error;
    }
    if (response !== undefined) {
      if (response.ok) {
        const refused = await accept(response);
        if (refused === undefined) return;
        fail(refused, attempt, response.status);
      }
      const body = await excerpt(response);
      failure = `HTTP ${response.status}${body ? `: ${body}` : ""}`;
      if (!retryable(response.status)) fail(`refused with ${failure}`, attempt, response.status);
    } else {
      failure = `request failed: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    if (attempt > retry.retries) fail(`gave up after ${attempt} attempt(s); last: ${failure}`, attempt, response?.status, cause);
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    const delay = retryAfterMs(response?.headers.get("retry-after") ?? null) ?? backoff;
    if (Date.now() + delay > context.deadline) {
      const next = `the next try (in ${Math.ceil(delay)} ms) is past the deadline`;
      fail(`gave up after ${attempt} attempt(s): ${next}; last: ${failure}`, attempt, response?.status, cause);
    }
    try {
      await sleep(delay, context.signal);
    } catch (error) {
      fail(`gave up after ${attempt} attempt(s): the purge timed out; last: ${failure}`, attempt, response?.status, error);
    }
  }
}
