// A Response a view returns is streamed on node:http with its head sent at
// once: a server-sent-events client must see the status and headers before
// the first event, which may come much later.
import http from "node:http";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createHandler, type RouteTable } from "mizan/server";
import { serve } from "./helpers.js";

test("a streamed Response's head reaches the client before its first chunk is written", async () => {
  let headReceived!: () => void;
  const head = new Promise<void>((resolve) => (headReceived = resolve));
  const encoder = new TextEncoder();
  const routes = {
    version: 1,
    basePath: "/api/mizan",
    contexts: {},
    functions: {
      events: {
        context: null,
        private: false,
        route: "/events/",
        methods: ["GET"],
        args: z.strictObject({}),
        invalidates: [],
        // The first event waits for the client to have the head: without the head sent at once, neither comes.
        run: () =>
          new Response(
            new ReadableStream({
              async start(controller) {
                await head;
                controller.enqueue(encoder.encode("data: first\n\n"));
                controller.close();
              },
            }),
            { headers: { "content-type": "text/event-stream" } },
          ),
      },
    },
  } as unknown as RouteTable;
  const served = await serve(createHandler({ routes }));
  try {
    const body = await new Promise<{ status: number; type: string | undefined; text: string }>((resolve, reject) => {
      const stuck = setTimeout(() => reject(new Error("no head within 5 s: it waited for the first chunk")), 5000);
      http
        .get(`${served.origin}/events/`, (response) => {
          headReceived();
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => {
            clearTimeout(stuck);
            resolve({ status: response.statusCode!, type: response.headers["content-type"], text });
          });
        })
        .on("error", reject);
    });
    assert.equal(body, { status: 200, type: "text/event-stream", text: "data: first\n\n" });
  } finally {
    await served.close();
  }
});

test.run();
