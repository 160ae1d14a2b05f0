// A real varnishd (Debian's, with varnish-modules' xkey) started by a test:
// the shipped runtime/edge/mizan.vcl included from a generated main VCL that
// names the backend and the purge allow-list; free ports from the OS; a
// temporary working directory; stopped and removed by `stop()`.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SHIPPED_VCL = fileURLToPath(new URL("../../../runtime/edge/mizan.vcl", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Varnish {
  readonly port: number;
  /** The manager process (the cache worker is its child). */
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  stop(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

export async function startVarnish(options: { port: number; backendPort: number; purgers?: readonly string[] }): Promise<Varnish> {
  const dir = mkdtempSync(join(tmpdir(), "mizan-varnish-"));
  const acl = (options.purgers ?? ["127.0.0.1"]).map((ip) => `"${ip}";`).join(" ");
  const vcl = join(dir, "main.vcl");
  writeFileSync(
    vcl,
    `vcl 4.1;\nbackend default { .host = "127.0.0.1"; .port = "${options.backendPort}"; }\nacl mizan_purgers { ${acl} }\ninclude "${SHIPPED_VCL}";\n`,
  );
  const child: ChildProcess = spawn(
    "varnishd",
    ["-F", "-j", "none", "-a", `127.0.0.1:${options.port}`, "-T", "none", "-n", join(dir, "work"), "-f", vcl, "-s", "malloc,64m"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => resolve(code));
    // No varnishd at all (ENOENT): say so instead of crashing the test file.
    child.on("error", (error) => {
      output += `${error.message} (install Debian's varnish and varnish-modules: bash .ci/install-system.sh)\n`;
      resolve(null);
    });
  });
  let running = true;
  void exited.then(() => (running = false));
  const deadline = Date.now() + 30_000;
  while (!(await answers(options.port))) {
    if (!running || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`varnishd did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: options.port,
    pid: child.pid!,
    origin: `http://127.0.0.1:${options.port}`,
    async stop() {
      if (running) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
