// Invalidation pushed to the open pages over server-sent events. A webhook's
// answer goes to the payment provider, and one tab's call answer goes to that
// tab only: without a push, nothing would tell the other pages what changed.
// The tab whose call caused an invalidation is skipped, because its own call
// answer already carries the targets and a second copy would refetch twice.
import type { Target } from "mizan/protocol";

export interface LiveUpdates {
  /** The event stream for one page, which names its tab in `?tab=`. */
  connect(url: URL): Response;
  /** Sends the targets to every page except `fromTab`. */
  push(targets: readonly Target[], fromTab: string | null): void;
  /** Ends every stream, so the server can close. */
  close(): void;
}

interface Listener {
  tab: string;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

export function createLiveUpdates(): LiveUpdates {
  const listeners = new Set<Listener>();
  const encoder = new TextEncoder();

  return {
    connect(url) {
      let listener: Listener;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          listener = { tab: url.searchParams.get("tab") ?? "", controller };
          listeners.add(listener);
          // A first chunk sends the headers now, so the page knows it is connected.
          controller.enqueue(encoder.encode(": connected\n\n"));
        },
        cancel() {
          listeners.delete(listener);
        },
      });
      return new Response(stream, {
        headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
      });
    },
    push(targets, fromTab) {
      const event = encoder.encode(`data: ${JSON.stringify(targets)}\n\n`);
      for (const { tab, controller } of listeners) if (tab !== fromTab) controller.enqueue(event);
    },
    close() {
      for (const { controller } of listeners) controller.close();
      listeners.clear();
    },
  };
}
