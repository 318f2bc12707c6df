import assert from "node:assert/strict";
import { testContext } from "../../_support/services.ts";
import { expectJson, expectProblem } from "../../_support/http.ts";
import { sql } from "drizzle-orm";
import {
  mailbox,
  movableClock,
  registration,
  TEST_PASSWORD,
  tokenFromMail,
} from "../../_support/auth.ts";

interface Registered {
  message: string;
  user: { id: string; email: string; status: string; email_verified: boolean };
}

Deno.test("auth API - register, read the verification mail, verify, log in, GET /me", async () => {
  const t = await testContext();
  try {
    const input = registration({ email: "newuser@example.com", date_of_birth: "2000-01-01" });
    const created = await expectJson<Registered>(
      await t.request("/api/v1/auth/register", { method: "POST", json: input }),
      201,
    );
    assert.match(created.message, /Verification email sent/);
    assert.equal(created.user.status, "pending");
    assert.equal(created.user.email_verified, false);

    const mails = await mailbox(t, input.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /Verify/);
    assert.match(mails[0].html, /<a href="http/);
    const token = tokenFromMail(mails[0].text);
    assert.equal(token.length, 43, "32 random bytes in base64url");
    const stored = await t.services.db.rows<{ token_hash: string }>(
      sql`SELECT token_hash FROM one_time_tokens`,
    );
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].token_hash, token, "only the hash is stored");

    const early = await expectProblem(
      await t.request("/api/v1/auth/login", {
        method: "POST",
        json: { email: input.email, password: input.password },
      }),
      403,
    );
    assert.equal(early.detail, "Email not verified, check inbox");

    const verified = await expectJson<Registered & { redirect_to: string }>(
      await t.request("/api/v1/auth/verify-email", { method: "POST", json: { token } }),
      200,
    );
    assert.equal(verified.user.status, "active");
    assert.equal(verified.user.email_verified, true);
    assert.match(verified.redirect_to, /profile/);
    const again = await expectProblem(
      await t.request("/api/v1/auth/verify-email", { method: "POST", json: { token } }),
      400,
      "token",
    );
    assert.equal(again.detail, "Verification token already used");
    const bogus = await expectProblem(
      await t.request("/api/v1/auth/verify-email", { method: "POST", json: { token: "nope" } }),
      400,
    );
    assert.equal(bogus.detail, "Invalid verification token");

    const login = await t.request("/api/v1/auth/login", {
      method: "POST",
      json: { email: input.email.toUpperCase(), password: input.password },
    });
    const cookie = login.headers.get("set-cookie") ?? "";
    const session = await expectJson<{
      access_token: string;
      refresh_token: string;
      token_type: string;
      expires_in: number;
      refresh_expires_in: number;
      user: { last_login_at: string | null };
    }>(login, 200);
    assert.equal(session.token_type, "Bearer");
    assert.equal(session.expires_in, 1800);
    assert.equal(session.refresh_expires_in, 7 * 86400);
    assert.ok(session.user.last_login_at, "last_login_at is set");
    assert.match(cookie, /fittrack_refresh=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=Strict/);

    const [header, payload] = session.access_token.split(".").slice(0, 2).map((part) =>
      JSON.parse(new TextDecoder().decode(
        Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)),
      ))
    );
    assert.equal(header.alg, "RS256");
    const jwks = await expectJson<{ keys: { kid: string; kty: string }[] }>(
      await t.request("/.well-known/jwks.json"),
      200,
    );
    assert.equal(jwks.keys[0].kid, header.kid);
    assert.equal(jwks.keys[0].kty, "RSA");
    assert.equal(payload.exp - payload.iat, 1800, "access token lives 30 minutes");
    assert.equal(payload.sub, created.user.id);
    assert.equal(payload.email, input.email);
    assert.equal(payload.role, "user");
    assert.ok(payload.jti, "has a jti");

    const me = await expectJson<{ id: string; email: string }>(
      await t.request("/api/v1/users/me", {
        headers: { authorization: `Bearer ${session.access_token}` },
      }),
      200,
    );
    assert.equal(me.id, created.user.id);
    const row = await t.services.core.store.users.findById(created.user.id);
    assert.ok(row?.last_login_at);
  } finally {
    await t.close();
  }
});

Deno.test("auth API - registration rules: each bad input gets its status and writes nothing", async () => {
  const clock = movableClock("2026-06-15T12:00:00Z");
  const t = await testContext({ clock });
  try {
    const post = (json: unknown) => t.request("/api/v1/auth/register", { method: "POST", json });
    const under = await expectProblem(
      await post(registration({ date_of_birth: "2008-06-16" })),
      400,
    );
    assert.equal(under.detail, "Must be 18 or older");
    const al = await expectProblem(
      await post(registration({ state: "AL", date_of_birth: "2008-01-01" })),
      400,
      "date_of_birth",
    );
    assert.match(al.detail, /Must be 19 or older/);
    await expectProblem(
      await post(registration({ state: "NE", date_of_birth: "2008-01-01" })),
      400,
    );
    await expectProblem(
      await post(registration({ state: "MS", date_of_birth: "2006-01-01" })),
      400,
    );
    const ny = await expectProblem(await post(registration({ state: "NY" })), 400, "state");
    assert.equal(ny.detail, "State not eligible for sweepstakes");
    await expectProblem(await post(registration({ state: "fl" })), 400, "state");
    const weak = await expectProblem(
      await post(registration({ password: "weak" })),
      422,
      "password",
    );
    assert.match(weak.detail, /12/);
    await expectProblem(
      await post(registration({ email: "samantha@example.com", password: "xSamantha-2026!" })),
      422,
      "password",
    );
    await expectProblem(await post(registration({ password: "alllowercase-1!" })), 422, "password");
    await expectProblem(await post(registration({ email: "not-an-email" })), 422, "email");
    await expectProblem(
      await post(registration({ date_of_birth: "1990-13-45" })),
      422,
      "date_of_birth",
    );
    await expectProblem(
      await post(registration({ date_of_birth: "2027-01-01" })),
      422,
      "date_of_birth",
    );
    await expectProblem(await post(registration({ state: "ZZ" })), 422, "state");
    const { display_name: _d, ...missing } = registration();
    await expectProblem(await post(missing), 422, "display_name");
    await expectProblem(await post({ ...registration(), role: "admin" }), 422);
    await expectProblem(
      await post({ ...registration(), display_name: "x".repeat(1_100_000) }),
      413,
    );
    await expectProblem(
      await t.request("/api/v1/auth/register", {
        method: "POST",
        body: "{broken",
        headers: { "content-type": "application/json" },
      }),
      400,
    );

    // Boundaries that pass: 18 today in TX, 21 today in MS.
    await expectJson(await post(registration({ date_of_birth: "2008-06-15" })), 201);
    await expectJson(await post(registration({ state: "MS", date_of_birth: "2005-06-15" })), 201);
    const first = registration({ email: "existing@example.com" });
    await expectJson(await post(first), 201);
    const dup = await expectProblem(
      await post(registration({ email: "Existing@Example.com" })),
      409,
      "email",
    );
    assert.equal(dup.detail, "Email already registered");

    const [counts] = await t.services.db.rows<{ users: number; mails: number; tokens: number }>(
      sql`SELECT (SELECT count(*)::int FROM users) AS users,
        (SELECT count(*)::int FROM outbox) AS mails,
        (SELECT count(*)::int FROM one_time_tokens) AS tokens`,
    );
    assert.deepEqual(counts, { users: 3, mails: 3, tokens: 3 }, "only the 3 valid registrations");
  } finally {
    await t.close();
  }
});

Deno.test("auth API - an expired verification token is refused; a new mail works", async () => {
  const clock = movableClock();
  const t = await testContext({ clock });
  try {
    const input = registration();
    const created = await expectJson<Registered>(
      await t.request("/api/v1/auth/register", { method: "POST", json: input }),
      201,
    );
    const old = tokenFromMail((await mailbox(t, input.email))[0].text);
    clock.advance(25 * 3600 * 1000);
    const expired = await expectProblem(
      await t.request("/api/v1/auth/verify-email", { method: "POST", json: { token: old } }),
      400,
    );
    assert.equal(expired.detail, "Token expired, request new verification email");
    assert.equal((await t.services.core.store.users.findById(created.user.id))?.status, "pending");

    await expectJson(
      await t.request("/api/v1/auth/resend-verification", {
        method: "POST",
        json: { email: input.email },
      }),
      202,
    );
    await expectJson(
      await t.request("/api/v1/auth/resend-verification", {
        method: "POST",
        json: { email: "nobody@example.com" },
      }),
      202,
    );
    const mails = await mailbox(t, input.email);
    assert.equal(mails.length, 2, "newest first, the old one kept");
    assert.equal((await mailbox(t, "nobody@example.com")).length, 0);
    const fresh = tokenFromMail(mails[0].text);
    assert.notEqual(fresh, old);
    await expectJson(
      await t.request("/api/v1/auth/verify-email", { method: "POST", json: { token: fresh } }),
      200,
    );
    assert.equal((await t.services.core.store.users.findById(created.user.id))?.status, "active");
    await expectJson(
      await t.request("/api/v1/auth/login", {
        method: "POST",
        json: { email: input.email, password: TEST_PASSWORD },
      }),
      200,
    );
  } finally {
    await t.close();
  }
});
