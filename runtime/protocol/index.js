// mizan/protocol: the one module that spells the wire format. Server, client,
// cache, edge and the compiler's templates import it; nothing else writes a
// key name, a header name or the header grammar.
export * from "./names.js";
export * from "./canonical-json.js";
export * from "./targets.js";
export * from "./header.js";
export * from "./errors.js";
export * from "./manifest.js";
export * from "./schemas.js";
