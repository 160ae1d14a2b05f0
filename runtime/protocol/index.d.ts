export * from "./names.js";
export * from "./canonical-json.js";
export * from "./targets.js";
export * from "./header.js";
export * from "./errors.js";
export * from "./manifest.js";
export * from "./schemas.js";
