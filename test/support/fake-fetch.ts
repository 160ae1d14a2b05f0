// A fetch whose answers the test gives by hand, in any order: what the
// runtime unit tests use to make races happen on purpose.

export interface FakeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  init: RequestInit;
  signal: AbortSignal | undefined;
  settled: boolean;
  /** Answers with `body` as JSON (or as text when a string). */
  respond(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Rejects the way a network failure does. */
  fail(error: Error): void;
}

export interface FakeFetch {
  fetch: typeof fetch;
  requests: FakeRequest[];
  /** Requests not yet answered, failed or aborted. */
  open(): FakeRequest[];
  /** Requests whose URL path (with query) is `path`. */
  to(path: string): FakeRequest[];
}

/** `auto`, when given, answers a request at once unless it returns undefined. */
export function fakeFetch(auto?: (request: FakeRequest) => { status?: number; body: unknown } | undefined): FakeFetch {
  const requests: FakeRequest[] = [];
  const fetch = ((input: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      const request: FakeRequest = {
        url: String(input),
        method: init.method ?? "GET",
        headers: { ...(init.headers as Record<string, string>) },
        body: typeof init.body == "string" ? JSON.parse(init.body) : undefined,
        init,
        signal,
        settled: false,
        respond(status, body, headers) {
          if (request.settled) throw new Error(`already settled: ${request.url}`);
          request.settled = true;
          resolve(new Response(typeof body == "string" ? body : JSON.stringify(body), { status, headers }));
        },
        fail(error) {
          request.settled = true;
          reject(error);
        },
      };
      signal?.addEventListener("abort", () => {
        if (!request.settled) request.fail(signal.reason);
      });
      requests.push(request);
      const answer = auto?.(request);
      if (answer) request.respond(answer.status ?? 200, answer.body);
    })) as typeof globalThis.fetch;
  return {
    fetch,
    requests,
    open: () => requests.filter((r) => !r.settled),
    to: (path) => requests.filter((r) => new URL(r.url, "http://x").pathname + new URL(r.url, "http://x").search === path),
  };
}

/**
 * Lets queued microtasks and promise continuations run, including the few
 * event-loop turns a Response body takes to read: a count of turns, not a
 * time.
 */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
