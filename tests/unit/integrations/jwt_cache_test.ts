import assert from "node:assert/strict";
import { createJwtService } from "../../../integrations/security/jwt.ts";

Deno.test("JwtService.verify() - remembers a verified token until its own expiry, never longer", async () => {
  const jwt = await createJwtService({
    issuer: "fittrack",
    ttlSeconds: 1800,
    dataDir: ":memory:",
    isProduction: false,
  });
  const now = new Date("2026-12-07T12:00:00Z");
  const token = await jwt.sign({
    sub: crypto.randomUUID(),
    email: "a@example.com",
    role: "user",
    sid: "s",
  }, now);
  assert.equal((await jwt.verify(token, now)).ok, true);
  const again = await jwt.verify(token, new Date(now.getTime() + 60_000));
  assert.equal(again.ok, true, "served from the cache");
  const late = await jwt.verify(token, new Date(now.getTime() + 31 * 60_000));
  assert.deepEqual(late, { ok: false, reason: "expired" }, "the cache honours exp");
  const [h, p, s] = token.split(".");
  const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith("A") ? "BB" : "AA"}`;
  assert.deepEqual(await jwt.verify(tampered, now), { ok: false, reason: "invalid" });
});
