import assert from "node:assert/strict";
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { createJwtService } from "../../../integrations/security/jwt.ts";

const base = { issuer: "fittrack", ttlSeconds: 1800 };

Deno.test("jwt keys - dev keys are generated into the data folder once and reused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await createJwtService({ ...base, dataDir: dir, isProduction: false });
    const stat = await Deno.stat(`${dir}/keys/jwt_private.pem`);
    assert.equal(stat.mode! & 0o777, 0o600, "the private key is readable by its owner only");
    const second = await createJwtService({ ...base, dataDir: dir, isProduction: false });
    assert.equal(second.kid, first.kid, "a restart keeps the key");
    const now = new Date();
    const token = await first.sign({ sub: "u", email: "a@b.co", role: "user", sid: "s" }, now);
    const verified = await second.verify(token, now);
    assert.ok(verified.ok, "tokens survive a restart");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jwt keys - production refuses to run without keys; PEM keys from settings work", async () => {
  await assert.rejects(
    createJwtService({ ...base, dataDir: "./nowhere", isProduction: true }),
    /JWT_PRIVATE_KEY and JWT_PUBLIC_KEY are required in production/,
  );
  const pair = await generateKeyPair("RS256", { extractable: true });
  const escaped = (pem: string) => pem.replaceAll("\n", "\\n");
  const service = await createJwtService({
    ...base,
    privateKeyPem: escaped(await exportPKCS8(pair.privateKey)),
    publicKeyPem: await exportSPKI(pair.publicKey),
    isProduction: true,
  });
  const jwk = service.jwks().keys[0];
  assert.deepEqual([jwk.kid, jwk.alg, jwk.use, jwk.kty], [service.kid, "RS256", "sig", "RSA"]);
  assert.equal(jwk.d, undefined, "the JWKS never holds private parts");
  const now = new Date();
  const token = await service.sign({ sub: "u", email: "a@b.co", role: "admin", sid: "s" }, now);
  const result = await service.verify(token, now);
  assert.deepEqual(result, {
    ok: true,
    claims: { sub: "u", email: "a@b.co", role: "admin", sid: "s" },
  });
});
