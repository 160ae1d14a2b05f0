// A switch for the consistency tests only (not exported from mizan/cache):
// with it, stores skip the generation check, to show that the race tests
// catch the stale data it prevents.
export const UNSAFE_SKIP_GENERATION_CHECK = Symbol("mizan.cache.unsafeSkipGenerationCheck");
