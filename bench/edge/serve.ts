// One edge-benchmark server in its own process: `node serve.js <kind>
// [originPort] [varnishPort]` prints `{"port": N}` once listening.
//   origin  the edge fixture's createHandler, xkey tags, purging a Varnish when given its port
//   edge    createEdgeHandler in front of the origin at originPort, served by toNodeListener
//   bare    node:http replaying the exact bytes of the edge's hit (the ceiling)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createEdgeHandler, varnishPurger } from "mizan/edge";
import { toNodeListener } from "mizan/server";
import { edgeApp, manifest } from "../../test/edge/app.js";
import { READ_PATH } from "./requests.js";

async function server(kind: string, originPort: number, varnishPort: number): Promise<http.Server> {
  switch (kind) {
    case "origin": {
      const purge = varnishPort > 0 ? varnishPurger({ hosts: [`http://127.0.0.1:${varnishPort}`] }) : undefined;
      return http.createServer(toNodeListener(edgeApp({ edge: { manifest, header: "xkey" }, ...(purge ? { purge } : {}) })));
    }
    case "edge":
      return http.createServer(toNodeListener(createEdgeHandler({ manifest, origin: `http://127.0.0.1:${originPort}` })));
    case "bare": {
      const edge = createEdgeHandler({ manifest, origin: edgeApp() });
      await edge(new Request(`http://localhost${READ_PATH}`));
      const hit = await edge(new Request(`http://localhost${READ_PATH}`));
      const headers: Record<string, string> = {};
      hit.headers.forEach((value, name) => (headers[name] = value));
      const body = Buffer.from(await hit.arrayBuffer());
      return http.createServer((req, res) => {
        req.on("data", () => undefined);
        req.on("end", () => {
          res.writeHead(hit.status, headers);
          res.end(body);
        });
      });
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const [kind = "", originPort = "0", varnishPort = "0"] = process.argv.slice(2);
const listening = await server(kind, Number(originPort), Number(varnishPort));
listening.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (listening.address() as AddressInfo).port }));
});
