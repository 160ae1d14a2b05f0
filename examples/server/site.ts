// The page: three static files built by bundle.ts, read once at start and
// served from memory. Only these paths exist, so no request can name a file.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SESSION_COOKIE, staffFromCookie } from "./auth.js";

const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

export async function loadSite(publicDir: string): Promise<(request: Request) => Response> {
  const bodies = new Map<string, string>();
  for (const [path, { file }] of Object.entries(FILES)) {
    try {
      bodies.set(path, await readFile(join(publicDir, file), "utf8"));
    } catch {
      throw new Error(`${join(publicDir, file)} is missing: run \`npm run demo:build\` first`);
    }
  }
  return (request) => {
    const path = new URL(request.url).pathname;
    const body = bodies.get(path);
    if (body === undefined || (request.method !== "GET" && request.method !== "HEAD")) {
      return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
    }
    const headers = new Headers({ "content-type": FILES[path]!.type, "cache-control": "no-cache" });
    // The demo has no login form: opening the page signs you in as Sam.
    if (path === "/" && staffFromCookie(request.headers.get("cookie")) === null) {
      headers.set("set-cookie", `${SESSION_COOKIE}=sam; Path=/; HttpOnly; SameSite=Lax`);
    }
    return new Response(body, { headers });
  };
}
