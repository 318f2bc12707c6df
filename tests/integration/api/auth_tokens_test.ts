import assert from "node:assert/strict";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { createApp } from "../../../api/app.ts";
import { testContext } from "../../_support/services.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { authUser, bearer, movableClock, requestAs } from "../../_support/auth.ts";
import { createJwtService, JWT_AUDIENCE } from "../../../integrations/security/jwt.ts";

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

Deno.test("auth API - T10 JWT negatives: every forged, expired or broken token is a 401", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const { user, token } = await authUser(t, "user");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")));
    const now = Math.floor(clock.now().getTime() / 1000);
    const { kid } = t.services.jwt;
    const issuer = t.services.config.JWT_ISSUER;
    const base = { email: user.email, role: "admin", sid: crypto.randomUUID() };

    const other = await generateKeyPair("RS256");
    const publicPem = await exportSPKI(
      await crypto.subtle.importKey(
        "jwk",
        t.services.jwt.jwks().keys[0] as JsonWebKey,
        { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
        true,
        ["verify"],
      ),
    );
    const sign = (
      alg: string,
      key: CryptoKey | Uint8Array,
      overrides: Record<string, unknown> = {},
      hdr: Record<string, unknown> = {},
    ) =>
      new SignJWT({ ...base, ...overrides })
        .setProtectedHeader({ alg, kid, ...hdr })
        .setSubject(user.id)
        .setIssuer(String(overrides.iss ?? issuer))
        .setAudience(String(overrides.aud ?? JWT_AUDIENCE))
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key);

    const forged: Record<string, string> = {
      "alg none": `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ ...claims, role: "admin" })}.`,
      "HS256 signed with the public key": await sign("HS256", new TextEncoder().encode(publicPem)),
      "another key, our kid": await sign("RS256", other.privateKey),
      "unknown kid": await sign("RS256", other.privateKey, {}, { kid: "not-our-key" }),
      // Our own key (tests share the in-memory pair), but minted for someone else.
      "wrong issuer": await (await createJwtService({
        issuer: "someone-else",
        ttlSeconds: 600,
        dataDir: ":memory:",
        isProduction: false,
      })).sign({ sub: user.id, ...base, role: "user" }, clock.now()),
      "wrong audience": await (await createJwtService({
        issuer,
        audience: "another-api",
        ttlSeconds: 600,
        dataDir: ":memory:",
        isProduction: false,
      })).sign({ sub: user.id, ...base, role: "user" }, clock.now()),
      "tampered payload": `${header}.${b64url({ ...claims, role: "admin" })}.${signature}`,
      "tampered signature": `${header}.${payload}.${signature.slice(0, -4)}AAAA`,
      "truncated": token.slice(0, token.length - 10),
      "two segments": `${header}.${payload}`,
      "malformed base64": `${header}.%%%%.${signature}`,
      "garbage": "not-a-jwt",
      "empty claims object": `${header}.${b64url({})}.${signature}`,
    };
    for (const [name, bad] of Object.entries(forged)) {
      const body = await expectProblem(
        await t.request("/api/v1/users/me", { headers: bearer(bad) }),
        401,
      ).catch((error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      assert.equal(body.detail, "Invalid token", name);
    }
    for (const headerValue of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b"]) {
      await expectProblem(
        await t.request("/api/v1/users/me", { headers: { authorization: headerValue } }),
        401,
      );
    }
    const challenge = await t.request("/api/v1/users/me", { headers: bearer("x.y.z") });
    assert.match(challenge.headers.get("www-authenticate") ?? "", /Bearer error="invalid_token"/);
    await challenge.body?.cancel();

    // Same helper with our issuer and audience is accepted: the two above fail only on iss/aud.
    const control = await (await createJwtService({
      issuer,
      ttlSeconds: 600,
      dataDir: ":memory:",
      isProduction: false,
    })).sign({ sub: user.id, ...base, role: "user" }, clock.now());
    await expectJson(await t.request("/api/v1/users/me", { headers: bearer(control) }), 200);

    // The real token still works, then expires after 30 minutes (+ the allowed skew).
    await expectJson(await t.request("/api/v1/users/me", { headers: bearer(token) }), 200);
    clock.advance(31 * 60 * 1000);
    const expired = await expectProblem(
      await t.request("/api/v1/users/me", { headers: bearer(token) }),
      401,
    );
    assert.equal(expired.detail, "Token expired");
  } finally {
    await t.close();
  }
});

Deno.test("auth API - RBAC: /admin/users is admin-only; admins use user routes too", async () => {
  const t = await testContext();
  try {
    const user = await authUser(t, "user");
    const premium = await authUser(t, "premium");
    const admin = await authUser(t, "admin");
    for (const who of [user, premium]) {
      const denied = await expectProblem(
        await t.request("/api/v1/admin/users", { headers: who.headers }),
        403,
      );
      assert.equal(denied.detail, "Insufficient permissions");
    }
    await expectProblem(await t.request("/api/v1/admin/users"), 401);
    const asAdmin = requestAs(t, admin.headers);
    const list = await expectJson<{ items: { id: string }[]; pagination: { total: number } }>(
      await asAdmin("/api/v1/admin/users?sort=email"),
      200,
    );
    assert.equal(list.pagination.total, 3);
    const me = await expectJson<{ id: string; role: string }>(
      await asAdmin("/api/v1/users/me"),
      200,
    );
    assert.equal(me.role, "admin");
    await expectJson(await t.request("/api/v1/users/me", { headers: user.headers }), 200);

    const promoted = await expectJson<{ role: string }>(
      await asAdmin(`/api/v1/admin/users/${user.user.id}/role`, {
        method: "PUT",
        json: { role: "premium" },
      }),
      200,
    );
    assert.equal(promoted.role, "premium");
    await expectProblem(
      await asAdmin(`/api/v1/admin/users/${user.user.id}/role`, {
        method: "PUT",
        json: { role: "root" },
      }),
      422,
      "role",
    );
    await expectProblem(
      await t.request(`/api/v1/admin/users/${premium.user.id}/role`, {
        method: "PUT",
        headers: premium.headers,
        json: { role: "admin" },
      }),
      403,
    );
    const lock = await expectJson<{ locked_until: string | null; failures: number }>(
      await asAdmin(`/api/v1/admin/users/${user.user.id}/lock`),
      200,
    );
    assert.deepEqual([lock.failures, lock.locked_until], [0, null]);

    const spec = await expectJson<{
      components: { securitySchemes: Record<string, { scheme: string }> };
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>(await t.request("/openapi.json"), 200);
    assert.equal(spec.components.securitySchemes.bearerAuth.scheme, "bearer");
    assert.ok(spec.paths["/api/v1/users/me"].get.security, "protected routes are marked");
    assert.ok(spec.paths["/api/v1/admin/users"].get.security);
    assert.equal(spec.paths["/api/v1/auth/login"].post.security, undefined);
  } finally {
    await t.close();
  }
});

Deno.test("dev mailbox - lists newest first, rejects bad input, answers 404 in production", async () => {
  const t = await testContext();
  try {
    await expectProblem(await t.request("/api/v1/dev/mailbox?to=not-an-email"), 400, "to");
    const empty = await expectJson<{ items: unknown[] }>(
      await t.request("/api/v1/dev/mailbox?to=nobody@example.com"),
      200,
    );
    assert.deepEqual(empty.items, []);
    const production = createApp({
      ...t.services,
      config: { ...t.services.config, isProduction: true, testPageEnabled: false },
    });
    await expectProblem(
      await production.request("/api/v1/dev/mailbox?to=nobody@example.com"),
      404,
    );
  } finally {
    await t.close();
  }
});
