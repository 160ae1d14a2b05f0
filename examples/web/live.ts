// Applies the invalidation targets the server pushes (see server/live.ts):
// a webhook's, or another tab's call's. This tab's own calls are applied by
// the stubs from their answers, so every request names the tab.
import { configure, invalidate } from "mizan/client";
import type { Target } from "mizan/protocol";
import { EVENTS_PATH, TAB_HEADER } from "../shared.js";

export function connectLiveUpdates(): void {
  const tab = crypto.randomUUID();
  configure({ headers: { [TAB_HEADER]: tab } });
  const events = new EventSource(`${EVENTS_PATH}?tab=${tab}`);
  // Shown in the header, and what a test waits for before it changes anything.
  events.onopen = () => (document.body.dataset.live = "open");
  events.onerror = () => (document.body.dataset.live = "reconnecting");
  events.onmessage = (event: MessageEvent<string>) => invalidate(JSON.parse(event.data) as Target[]);
}
