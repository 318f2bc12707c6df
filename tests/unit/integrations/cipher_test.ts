import assert from "node:assert/strict";
import { createSecretBox } from "../../../integrations/security/cipher.ts";

Deno.test("SecretBox - seals to opaque text that opens back, fresh IV each time", async () => {
  const box = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
  const address = JSON.stringify({ line1: "1 Main St", zip: "94105" });
  const a = await box.seal(address);
  const b = await box.seal(address);
  assert.match(a, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.notEqual(a, b, "same plaintext, different ciphertext");
  assert.ok(!a.includes("Main"), "no plaintext in the sealed value");
  assert.equal(await box.open(a), address);
});

Deno.test("SecretBox - a tampered value or another key fails to open", async () => {
  const box = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
  const other = await createSecretBox(crypto.getRandomValues(new Uint8Array(32)));
  const sealed = await box.seal("terra-access-token");
  const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1);
  await assert.rejects(box.open(flipped));
  await assert.rejects(other.open(sealed));
  await assert.rejects(box.open("plain text"), /not a sealed value/);
  await assert.rejects(createSecretBox(new Uint8Array(16)), /32 bytes/);
});
