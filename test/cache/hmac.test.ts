// The cache keys' HMAC-SHA256 is computed in JavaScript (runtime/cache/hmac.ts):
// it must give exactly what node:crypto gives, for every message and key.
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { createHmac, randomBytes } from "node:crypto";
import { Hmac256 } from "../../runtime/cache/hmac.js";

const reference = (key: Uint8Array, message: string) => createHmac("sha256", key).update(message).digest("base64url");

test("equals createHmac at every length around the block edges, with keys of 0 to 64 bytes", () => {
  for (const size of [0, 1, 31, 32, 33, 63, 64]) {
    const key = randomBytes(size);
    const hmac = new Hmac256(key);
    for (let length = 0; length <= 260; length++) {
      const message = "x".repeat(length);
      assert.is(hmac.base64url(message), reference(key, message), `key ${size} bytes, message ${length}`);
    }
  }
});

test("property: equals createHmac on any text (multi-byte, lone surrogates, past the reused buffer)", () => {
  const key = randomBytes(32);
  const hmac = new Hmac256(key);
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 400 }), fc.string({ minLength: 300, maxLength: 3000 })), (message) => {
      return hmac.base64url(message) === reference(key, message);
    }),
    { numRuns: 5000 },
  );
  // The RFC 4231 test case 2 key and message.
  assert.is(
    Buffer.from(new Hmac256(Buffer.from("Jefe")).base64url("what do ya want for nothing?"), "base64url").toString("hex"),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

test("a key longer than a block is refused (it would need hashing first)", () => {
  assert.throws(() => new Hmac256(new Uint8Array(65)), /64 bytes/);
});

test.run();
