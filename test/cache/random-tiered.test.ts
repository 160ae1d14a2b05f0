// The randomized multi-user run with the memory tier in front of Redis
// (TieredCache): the same run as random-redis, in its own process.
process.env.MIZAN_CACHE_BACKEND = "TieredCache";
await import("./random-redis.test.js");
