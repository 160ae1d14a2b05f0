// A switch for the consistency tests only (not exported from mizan/cache):
// with it, stores skip the generation check, to show that the race tests
// catch the stale data it prevents.
// Registered (Symbol.for): the tests reach this file by path, the package by name, and the two are separate module instances.
export const UNSAFE_SKIP_GENERATION_CHECK = Symbol.for("mizan.cache.unsafeSkipGenerationCheck");
