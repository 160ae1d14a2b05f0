export { wire } from "./wire.js";
// The generated routes.ts builds its schemas with this zod.
export { z } from "zod";
export { createHandler } from "./handler.js";
export { toNodeListener } from "./node.js";
export { MizanHttpError, MizanError } from "./errors.js";
export { DEFAULT_BODY_LIMIT, DEFAULT_S_MAXAGE, DEFAULT_STALE_WHILE_REVALIDATE } from "./defaults.js";
