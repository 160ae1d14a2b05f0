// Defaults of createHandler's options that the package exports (the limits'
// own defaults live beside them in limits.ts).
export const DEFAULT_S_MAXAGE = 60;
export const DEFAULT_STALE_WHILE_REVALIDATE = 60;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
