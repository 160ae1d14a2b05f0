// The two error classes have names of their own (MizanHttpError on the
// server, MizanResponseError on the client); `MizanError`, the name both
// once shared, stays a deprecated alias of each module's own class.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as client from "mizan/client";
import * as server from "mizan/server";

test("MizanError is each module's own class under its former name", () => {
  assert.is(server.MizanError, server.MizanHttpError);
  assert.is(client.MizanError, client.MizanResponseError);
  assert.is.not(server.MizanHttpError as unknown, client.MizanResponseError as unknown);
});

test("error.name is the new name", () => {
  assert.is(new server.MizanHttpError("forbidden", "no").name, "MizanHttpError");
  assert.is(new client.MizanResponseError(403, { code: "forbidden", message: "no" }).name, "MizanResponseError");
  assert.instance(new server.MizanHttpError("forbidden", "no"), server.MizanError);
});

test.run();
