// Names the server and the page both use for live updates.

/** The server-sent event stream of invalidation targets. */
export const EVENTS_PATH = "/events";
/** Sent with every Mizan request of a page, so a push can skip the tab whose call caused it. */
export const TAB_HEADER = "x-demo-tab";
