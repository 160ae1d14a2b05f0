// mizan/edge: CDN tags, purge adapters and createEdgeHandler (docs/edge.md).
// Everything here is Fetch-standard: no node: imports.
export {
  contextTag,
  wildcardTag,
  valueTag,
  instanceTags,
  purgeTags,
  formatTagHeader,
  DEFAULT_TAG_PREFIX,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  TAG_HEADERS,
  TAG_PATTERN,
  type TagHeader,
} from "./tags.js";
export { paramSpec, canonicalValue, type InstanceParams, type ParamSpec, type ParamKind } from "./params.js";
export { compileRouting, type EdgeRouting, type Instance } from "./routing.js";
export { PurgeError, type Purger, type PurgeContext, type FetchLike } from "./purger.js";
export type { RetryOptions } from "./retry.js";
export { varnishPurger, type VarnishPurgerOptions } from "./varnish.js";
export { fastlyPurger, FASTLY_API, FASTLY_MAX_KEYS, type FastlyPurgerOptions } from "./fastly.js";
export { cloudflarePurger, CLOUDFLARE_API, CLOUDFLARE_MAX_TAGS, type CloudflarePurgerOptions } from "./cloudflare.js";
export { purgeHook, preparePurge, DEFAULT_PURGE_TIMEOUT_MS, type PurgeRunOptions } from "./run.js";
export { MemoryStore, type EdgeStore, type MemoryStoreOptions, type StoredResponse } from "./store.js";
export { createEdgeHandler, type EdgeHandler, type EdgeHandlerOptions, type EdgeErrorPhase } from "./handler.js";
