// What the cache benchmark uses of autocannon beyond bench/server's declaration:
// per-request setup, so every request of a miss run has a URL of its own.
declare module "autocannon" {
  interface Options {
    requests?: { setupRequest?: (request: { path: string; headers?: Record<string, string> }) => { path: string; headers?: Record<string, string> } }[];
  }
}
