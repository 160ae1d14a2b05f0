// `npm start`: serves the demo built by `npm run demo:build`.
// PORT (default 3000) and HOST (default 127.0.0.1) override where it listens.
import { startDemo } from "./app.js";
import { PUBLIC_DIR } from "./bundle.js";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}
const host = process.env.HOST ?? "127.0.0.1";

try {
  const demo = await startDemo({ port, host, publicDir: PUBLIC_DIR });
  // 127.0.0.1 is what a person types as localhost; other hosts are printed as given.
  console.log(`Mizan demo: ${host === "127.0.0.1" ? demo.url.replace("127.0.0.1", "localhost") : demo.url}`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "EADDRINUSE" ? `port ${port} is in use: try PORT=${port + 1} npm start` : String(error));
  process.exit(1);
}
